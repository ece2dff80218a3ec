using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Time;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>A run's new time, meeting point or reinstatement reaches everyone on it, once, a few minutes later.</summary>
public class RunChangeMailTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "london-southwark";
    static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    record People(string Going, string Offered, string Waiting, string CoLeader, string Changer, HttpClient Api);

    /// <summary>A run three days on at 18:30 London time (or at <paramref name="startsAt"/>), capped at 2: one going, one offered, one waiting, a co-leader, and the leader who changes it (also on its roster).</summary>
    async Task<(Run Run, People People)> RunWithPeopleAsync(Instant? startsAt = null)
    {
        var going = await app.NewMemberAsync("Gwen");
        var offered = await app.NewMemberAsync("Olu");
        var waiting = await app.NewMemberAsync("Wes");
        var coLeader = await app.NewMemberAsync("Cora", Slug, GroupRole.Leader);
        var changer = DemoCommunity.LeaderEmail(Slug);
        var now = app.Clock.GetCurrentInstant();
        var start = startsAt ?? now.InZone(London).Date.PlusDays(3).At(new LocalTime(18, 30)).InZoneLeniently(London).ToInstant();
        var run = await app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Slug == Slug);
            var basePoint = await db.MeetingPoints.SingleAsync(m => m.GroupId == group.Id && m.IsBase);
            var run = new Run { GroupId = group.Id, MeetingPointId = basePoint.Id, Title = "Test evening run", StartsAt = start, Capacity = 2 };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            async Task<string> Id(string email) => await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.Rsvps.Add(new Rsvp { RunId = run.Id, MemberId = await Id(going), CreatedAt = now - Duration.FromHours(3) });
            db.Rsvps.Add(new Rsvp { RunId = run.Id, MemberId = await Id(offered), CreatedAt = now - Duration.FromHours(2), Status = RsvpStatus.Offered, OfferExpiresAt = now + Duration.FromHours(2) });
            db.Rsvps.Add(new Rsvp { RunId = run.Id, MemberId = await Id(waiting), CreatedAt = now - Duration.FromHours(1), Status = RsvpStatus.Waitlisted });
            db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = await Id(coLeader), AddedAt = now });
            db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = await Id(changer), AddedAt = now });
            await db.SaveChangesAsync();
            run.Group = group;
            return run;
        });
        return (run, new People(going, offered, waiting, coLeader, changer, await app.ApiClientAsync(changer)));
    }

    static string LocalStart(Run run, int hour, int minute) => $"{run.StartsAt.InZone(London).Date:uuuu-MM-dd}T{hour:00}:{minute:00}";

    async Task PatchAsync(HttpClient api, Run run, object change)
    {
        var response = await api.PatchAsJsonAsync($"/api/v1/runs/{run.Id}", change);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    Task<List<OutboxMail>> ChangeMailsAsync(Run run) => app.WithDbAsync(db =>
        db.OutboxMails.AsNoTracking().Where(m => m.Kind == MailKind.RunChanged && m.Key.StartsWith($"changed:{run.Id}:")).ToListAsync());

    void PassTheWait() => app.Clock.Advance(Duration.FromMinutes(6));

    [Fact]
    public async Task Moving_a_run_mails_everyone_going_offered_or_waiting_and_its_other_leaders_once_with_old_and_new_local_times()
    {
        var (run, people) = await RunWithPeopleAsync();
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 45) });

        // Not at once: another edit may follow.
        var waiting = await ChangeMailsAsync(run);
        Assert.Equal(4, waiting.Count);
        Assert.All(waiting, m => Assert.Null(m.SentAt));
        Assert.DoesNotContain(waiting, m => m.ToAddress == people.Changer);

        PassTheWait();
        var place = TimePlace.Of(run.Group!);
        var newStart = run.StartsAt + Duration.FromMinutes(15);
        foreach (var email in new[] { people.Going, people.Offered, people.Waiting, people.CoLeader })
        {
            var mail = await app.WaitForMailToAsync(email, "Run changed");
            Assert.Contains($"it was {TimeText.When(run.StartsAt, place)}; it's now {TimeText.When(newStart, place)}", mail.TextBody);
            Assert.Contains("18:30", mail.TextBody);
            Assert.Contains("18:45", mail.TextBody);
            Assert.DoesNotContain("UTC", mail.TextBody);
        }
        Assert.All(await ChangeMailsAsync(run), m => Assert.NotNull(m.SentAt));
        Assert.Equal(4, (await ChangeMailsAsync(run)).Count);
    }

    [Fact]
    public async Task Two_quick_edits_give_one_mail_with_the_final_state()
    {
        var (run, people) = await RunWithPeopleAsync();
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 45) });
        app.Clock.Advance(Duration.FromMinutes(2));
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 19, 0) });

        var mails = await ChangeMailsAsync(run);
        Assert.Single(mails, m => m.ToAddress == people.Going);
        PassTheWait();
        var mail = await app.WaitForMailToAsync(people.Going, "Run changed");
        Assert.Contains("18:30", mail.TextBody);
        Assert.Contains("19:00", mail.TextBody);
        Assert.DoesNotContain("18:45", mail.TextBody);
        Assert.Single(await ChangeMailsAsync(run), m => m.ToAddress == people.Going);
    }

    [Fact]
    public async Task A_change_undone_before_it_is_mailed_sends_nothing_and_a_change_of_nothing_sends_nothing()
    {
        var (run, people) = await RunWithPeopleAsync();
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 45) });
        app.Clock.Advance(Duration.FromMinutes(1));
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 30) });
        Assert.Empty(await ChangeMailsAsync(run));

        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 30), meetingPointId = run.MeetingPointId });
        PassTheWait();
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        Assert.Empty(await ChangeMailsAsync(run));
        Assert.Null((await app.WithDbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id))).PendingNotice);
    }

    [Fact]
    public async Task A_run_changed_within_a_day_of_its_start_says_so_in_the_subject()
    {
        var (run, people) = await RunWithPeopleAsync(app.Clock.GetCurrentInstant() + Duration.FromHours(10));
        var later = run.StartsAt.Plus(Duration.FromMinutes(30)).InZone(London).LocalDateTime;
        await PatchAsync(people.Api, run, new { startsAt = $"{later:uuuu-MM-dd'T'HH:mm}" });
        PassTheWait();
        var mail = await app.WaitForMailToAsync(people.Going, "Changed: ");
        Assert.Matches("^Changed: (today's|tonight's|tomorrow's) ", mail.Subject);
    }

    [Fact]
    public async Task Reinstating_a_cancelled_run_tells_everyone_it_is_back_on()
    {
        var (run, people) = await RunWithPeopleAsync();
        await PatchAsync(people.Api, run, new { status = "cancelled", cancelReason = "Leader unwell" });
        await app.WaitForMailToAsync(people.Going, "Cancelled:");
        await PatchAsync(people.Api, run, new { status = "scheduled" });
        PassTheWait();
        var mail = await app.WaitForMailToAsync(people.Waiting, "Back on:");
        Assert.Contains("It's back on", mail.TextBody);
        await app.WaitForMailToAsync(people.CoLeader, "Back on:");
    }

    [Fact]
    public async Task A_new_meeting_point_is_mailed_with_the_old_and_the_new_place()
    {
        var (run, people) = await RunWithPeopleAsync();
        var (oldPoint, newPoint) = await app.WithDbAsync(async db =>
        {
            var old = await db.MeetingPoints.SingleAsync(m => m.Id == run.MeetingPointId);
            var other = new MeetingPoint { GroupId = run.GroupId, Name = "The lido gates", Address = "Brockwell Park", Latitude = old.Latitude, Longitude = old.Longitude };
            db.MeetingPoints.Add(other);
            await db.SaveChangesAsync();
            return (old, other);
        });
        await PatchAsync(people.Api, run, new { meetingPointId = newPoint.Id });
        PassTheWait();
        var mail = await app.WaitForMailToAsync(people.Offered, "Run changed");
        Assert.Contains($"Meeting point: it was {oldPoint.Name}, {oldPoint.Address}; it's now The lido gates, Brockwell Park.", mail.TextBody);
    }

    [Fact]
    public async Task The_run_calendar_event_sequence_grows_with_each_change()
    {
        var (run, people) = await RunWithPeopleAsync();
        async Task<System.Text.Json.JsonElement> EventAsync()
        {
            var ics = await app.CreateClient().GetStringAsync($"/runs/{run.Id}/calendar.ics");
            return (await IcalJs.ParseAsync(ics)).GetProperty("events").EnumerateArray().Single();
        }
        var first = await EventAsync();
        Assert.Equal(0, first.GetProperty("sequence").GetInt32());

        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 45) });
        var second = await EventAsync();
        Assert.Equal(1, second.GetProperty("sequence").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, second.GetProperty("lastModified").ValueKind);

        await PatchAsync(people.Api, run, new { capacity = 3 }); // not news for a calendar
        Assert.Equal(1, (await EventAsync()).GetProperty("sequence").GetInt32());
        await PatchAsync(people.Api, run, new { status = "cancelled", cancelReason = "Ice on the paths" });
        Assert.Equal(2, (await EventAsync()).GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task A_leader_moving_a_run_on_its_page_tells_the_people_on_it_but_not_themselves()
    {
        var (run, people) = await RunWithPeopleAsync();
        var leader = await app.SignedInAsync(people.Changer);
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string>
        {
            ["Input.Date"] = $"{run.StartsAt.InZone(London).Date:uuuu-MM-dd}", ["Input.Time"] = "18:45", ["Input.Capacity"] = "2",
        }, formSelector: "form[action*='Change']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        PassTheWait();
        var mail = await app.WaitForMailToAsync(people.CoLeader, "Run changed");
        Assert.Contains("18:45", mail.TextBody);
        var mails = await ChangeMailsAsync(run);
        Assert.Equal(4, mails.Count);
        Assert.DoesNotContain(mails, m => m.ToAddress == people.Changer);
    }

    [Fact]
    public async Task Cancelling_a_run_with_a_change_still_waiting_sends_only_the_cancellation()
    {
        var (run, people) = await RunWithPeopleAsync();
        await PatchAsync(people.Api, run, new { startsAt = LocalStart(run, 18, 45) });
        await PatchAsync(people.Api, run, new { status = "cancelled", cancelReason = "Flooded towpath" });
        Assert.Empty(await ChangeMailsAsync(run));
        var mail = await app.WaitForMailToAsync(people.Going, "Cancelled:");
        Assert.Contains("Flooded towpath", mail.TextBody);
    }

    [Fact]
    public async Task A_series_ending_cancels_its_later_runs_without_their_waiting_change_mails_and_bumps_their_sequence()
    {
        var run = await app.WithDbAsync(db => db.Runs.Include(r => r.Group).AsNoTracking()
            .Where(r => r.Group!.Slug == Slug && r.SeriesId != null && r.Status == RunStatus.Scheduled && r.StartsAt > app.Clock.GetCurrentInstant() + Duration.FromDays(7))
            .OrderBy(r => r.StartsAt).FirstAsync());
        var going = await app.NewMemberAsync("Gus");
        await app.RsvpAsync(run.Id, going, TimeSpan.FromHours(1));
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));
        var local = run.StartsAt.InZone(London).LocalDateTime.PlusMinutes(15);
        await PatchAsync(api, run, new { startsAt = $"{local:uuuu-MM-dd'T'HH:mm}" });
        Assert.Single(await ChangeMailsAsync(run), m => m.ToAddress == going);

        var endsOn = run.StartsAt.InZone(London).Date.PlusDays(-1);
        var ended = await api.PatchAsJsonAsync($"/api/v1/series/{run.SeriesId}", new { endsOn = $"{endsOn:uuuu-MM-dd}" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Empty(await ChangeMailsAsync(run));
        var after = await app.WithDbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(RunStatus.Cancelled, after.Status);
        Assert.Equal(2, after.CalendarSequence);
        await app.WaitForMailToAsync(going, "Cancelled:");
    }
}
