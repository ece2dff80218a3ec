using NodaTime;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Safety;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>
/// For each kind of personal data about one member, every page and endpoint that shows it is opened by every
/// kind of person, and the data is found by exactly the people DESIGN.md allows, nobody else.
/// </summary>
public class PersonalDataVisibilityTests(PersonalDataVisibilityTests.World world) : IClassFixture<PersonalDataVisibilityTests.World>
{
    public enum Who { Anonymous, SignedIn, GroupMember, GroupLeader, GroupOrganiser, OtherOrganiser, HqAdmin, SafeguardingLead, Moderator, Self }

    /// <summary>The member whose data it is, and everything about them, each with a mark found nowhere else.</summary>
    public sealed class World : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public FullMember Subject { get; private set; } = null!;
        public int RunToday { get; private set; }
        public int ApplicationId { get; private set; }
        public int ConcernId { get; private set; }
        public string ConcernText { get; } = $"Worried about them after the run {Guid.NewGuid():N}";
        readonly Dictionary<(Who, bool), HttpClient> clients = [];
        readonly Dictionary<Who, string> emails = [];

        public async Task InitializeAsync()
        {
            Subject = await App.FullMemberAsync();
            var organiser = DemoCommunity.LeaderEmail("peterborough");
            var organiserId = await App.MemberIdAsync(organiser);
            var run = await App.NewRunAsync("peterborough", TimeSpan.FromMinutes(-5));
            RunToday = run.Id;
            (ApplicationId, ConcernId) = await App.WithDbAsync(async db =>
            {
                db.Rsvps.Add(new Rsvp { RunId = run.Id, MemberId = Subject.Id, CreatedAt = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(-1)) });
                db.RegisterEntries.Add(new RegisterEntry { RunId = run.Id, MemberId = Subject.Id, Present = true, UpdatedAt = SystemClock.Instance.GetCurrentInstant() });
                db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = organiserId, AddedAt = SystemClock.Instance.GetCurrentInstant() });
                var concern = new Concern { RunId = run.Id, RaisedById = organiserId, Kind = ConcernKind.Safety, About = Subject.Nickname, Description = ConcernText, RaisedAt = SystemClock.Instance.GetCurrentInstant(), UpdatedAt = SystemClock.Instance.GetCurrentInstant() };
                db.Concerns.Add(concern);
                await db.SaveChangesAsync();
                return (await db.Applications.Where(a => a.MemberId == Subject.Id).Select(a => a.Id).SingleAsync(), concern.Id);
            });
            emails[Who.SignedIn] = await App.NewMemberAsync("Stranger");
            emails[Who.GroupMember] = await App.NewMemberAsync("Groupmate", "peterborough");
            emails[Who.GroupLeader] = await App.NewMemberAsync("Another leader", "peterborough", GroupRole.Leader);
            emails[Who.GroupOrganiser] = organiser;
            emails[Who.OtherOrganiser] = DemoCommunity.LeaderEmail("brighton");
            emails[Who.HqAdmin] = DemoCommunity.HqEmail;
            emails[Who.SafeguardingLead] = DemoCommunity.SafeguardingEmail;
            emails[Who.Moderator] = DemoCommunity.ModeratorEmail;
            emails[Who.Self] = Subject.Email;
        }

        public async Task<HttpClient> ClientAsync(Who who, bool api)
        {
            if (clients.TryGetValue((who, api), out var client)) return client;
            client = who == Who.Anonymous
                ? api ? App.CreateClient(new() { AllowAutoRedirect = false }) : App.Browser()
                : api ? await App.ApiClientAsync(emails[who]) : await App.SignedInAsync(emails[who]);
            return clients[(who, api)] = client;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string> Kinds() => ["email address", "emergency contact", "coming to a run", "chat message", "report of a message", "application to lead", "concern about them"];

    (string Mark, string[] Places, Who[] Allowed) Kind(string kind)
    {
        var s = world.Subject;
        var run = world.RunToday;
        string[] everywhere =
        [
            "/account", "/api/v1/me/data", "/groups/peterborough/people", "/api/v1/groups/peterborough/people", $"/runs/{run}/whos-coming",
            $"/api/v1/runs/{run}/attendees", $"/runs/{run}/register", $"/api/v1/runs/{run}/register", $"/talk/{s.RoomId}", $"/api/v1/rooms/{s.RoomId}/messages",
            $"/applications/{world.ApplicationId}", $"/api/v1/applications/{world.ApplicationId}", $"/hq/applications/{world.ApplicationId}", "/hq/applications",
            $"/hq/concerns/{world.ConcernId}", $"/api/v1/hq/concerns/{world.ConcernId}", "/hq/concerns", "/account/concerns", "/api/v1/concerns/mine",
            "/talk/moderation", "/api/v1/moderation/queue", "/account/emergency-contact", $"/runs/{run}", "/groups/peterborough", "/hq/audit",
        ];
        return kind switch
        {
            "email address" => (s.Email, everywhere, [Who.Self]),
            // Only the leaders of the group whose run they are coming to, on the day (the register), and themselves.
            "emergency contact" => (s.ContactName, everywhere, [Who.Self, Who.GroupLeader, Who.GroupOrganiser]),
            // Attendance is health data: the group's own leaders, never HQ; everyone else sees a count.
            "coming to a run" => (s.Nickname, [$"/runs/{run}/whos-coming", $"/api/v1/runs/{run}/attendees", $"/runs/{run}/register", $"/api/v1/runs/{run}/register", $"/runs/{run}"],
                [Who.GroupLeader, Who.GroupOrganiser]),
            "chat message" => (s.MessageText, everywhere, [Who.Self, Who.GroupMember, Who.GroupLeader, Who.GroupOrganiser, Who.Moderator]),
            // The reason someone gave for reporting a message: the room's moderators, and the reporter.
            "report of a message" => (s.ReportReason, everywhere, [Who.Self, Who.GroupOrganiser, Who.Moderator]),
            "application to lead" => (s.ApplicationText, everywhere, [Who.Self, Who.HqAdmin]),
            // A concern about them: HQ's safeguarding leads alone (the leader who raised it sees its status).
            "concern about them" => (world.ConcernText, everywhere, [Who.SafeguardingLead]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_of_personal_data_is_seen_by_exactly_the_people_allowed(string kind)
    {
        var (mark, places, allowed) = Kind(kind);
        var wrong = new List<string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            var seenAt = new List<string>();
            foreach (var place in places)
            {
                var client = await world.ClientAsync(who, place.StartsWith("/api"));
                var response = await client.GetAsync(place);
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains(mark, StringComparison.OrdinalIgnoreCase) || body.Contains(System.Net.WebUtility.HtmlEncode(mark), StringComparison.OrdinalIgnoreCase))
                    seenAt.Add(place);
            }
            var should = allowed.Contains(who);
            if (should && seenAt.Count == 0) wrong.Add($"{who} should see it but found it nowhere");
            if (!should && seenAt.Count > 0) wrong.Add($"{who} must not see it, but it is on {string.Join(", ", seenAt)}");
        }
        Assert.True(wrong.Count == 0, $"{kind}:\n" + string.Join("\n", wrong));
    }
}
