using NodaTime;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>A member who has done a bit of everything, each piece marked with a word found nowhere else.</summary>
public record FullMember(string Email, string Id, string Nickname, string ContactName, string ContactPhone, string MessageText,
    string ApplicationText, string ReportReason, int RoomId, int PastRunId, int UpcomingRunId, long MessageId);

public static class PrivacySteps
{
    public static async Task<FullMember> FullMemberAsync(this AppFactory app, string slug = "peterborough")
    {
        var mark = Guid.NewGuid().ToString("N")[..10];
        var nickname = $"Zebedee{mark}";
        var email = await app.NewMemberAsync(nickname, slug);
        var id = await app.MemberIdAsync(email);
        var contactName = $"Aunt Petunia {mark}";
        var phone = $"+447911{Random.Shared.Next(100000, 999999)}";
        var past = await app.PastRunAsync(slug);
        var upcoming = await app.NewRunAsync(slug, TimeSpan.FromDays(3));
        var room = await app.GroupRoomAsync(slug);
        var other = await app.NewMemberAsync($"Other{mark}", slug);
        var otherApi = await app.ApiClientAsync(other);
        var otherMessage = await otherApi.SendAsync(room, $"Hello from the other one {mark}");
        var api = await app.ApiClientAsync(email);
        var text = $"Thursdays keep me going {mark}";
        var messageId = await api.SendAsync(room, text);
        var reason = $"Unkind words {mark}";
        (await api.PostAsJsonAsync($"/api/v1/messages/{otherMessage}/reports", new { reason })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/runs/{upcoming.Id}/rsvp", new { firstTime = false })).EnsureSuccessStatusCode();
        var applicationText = $"I want to give back {mark}";
        await app.WithDbAsync(async db =>
        {
            var member = await db.Users.SingleAsync(u => u.Id == id);
            member.EmergencyContactName = contactName;
            member.EmergencyContactPhone = phone;
            db.RegisterEntries.Add(new RegisterEntry { RunId = past.Id, MemberId = id, Present = true, FirstTime = true, UpdatedAt = SystemClock.Instance.GetCurrentInstant() });
            db.Rsvps.Add(new Rsvp { RunId = past.Id, MemberId = id, CreatedAt = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(-10)) });
            db.Applications.Add(new LeaderApplication
            {
                MemberId = id, Kind = ApplicationKind.NewGroup, Town = "Ely", Country = "GB", Latitude = 52.4, Longitude = 0.26,
                TownKey = LeaderApplication.KeyFor("GB", $"Ely{mark}"), Motivation = applicationText, Experience = "Some", Availability = "Sundays",
                CreatedAt = SystemClock.Instance.GetCurrentInstant(), UpdatedAt = SystemClock.Instance.GetCurrentInstant(), GuidelinesAcceptedAt = SystemClock.Instance.GetCurrentInstant(), LeadersCodeAcceptedAt = SystemClock.Instance.GetCurrentInstant(),
            });
            db.TrainingRecords.Add(new TrainingRecord { MemberId = id, Course = TrainingCourse.FirstAid, TakenOn = new DateOnly(2026, 1, 10), RecordedAt = SystemClock.Instance.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });
        return new FullMember(email, id, nickname, contactName, phone, text, applicationText, reason, room, past.Id, upcoming.Id, messageId);
    }
}
