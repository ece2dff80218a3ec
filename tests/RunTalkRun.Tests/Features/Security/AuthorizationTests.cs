using NodaTime;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Safety;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// docs/permissions.md is the one permission table. Every page, form handler and API method has a row
/// there, and each row is tried as every role: anonymous, a signed-in member of no group, a member,
/// leader and organiser of the group, another group's organiser, and the three HQ roles. A page or
/// endpoint added without a row makes this test fail.
/// </summary>
public class AuthorizationTests(AuthorizationTests.Walk walk) : IClassFixture<AuthorizationTests.Walk>
{
    public enum Persona { Anonymous, SignedIn, GroupMember, GroupLeader, GroupOrganiser, OtherOrganiser, HqAdmin, SafeguardingLead, Moderator }

    public record Row(string Method, string Pattern, string Handler, string Rule);

    /// <summary>The two tables of docs/permissions.md: each rule's answer per role, and each page's or endpoint's rule.</summary>
    public static class Table
    {
        public static readonly Dictionary<string, Dictionary<Persona, string>> Rules = [];
        public static readonly List<Row> Rows = [];

        static Table()
        {
            var lines = File.ReadAllLines(Path.Combine(IcalJs.RepoRoot(), "docs", "permissions.md"));
            string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            var personas = Enum.GetValues<Persona>();
            foreach (var line in lines.Where(l => l.StartsWith('|')))
            {
                var cells = Cells(line);
                if (cells[0].StartsWith("---") || cells[0] is "rule" or "method" or "role") continue;
                if (cells.Length == 1 + personas.Length)
                    Rules[cells[0]] = personas.Select((p, i) => (p, cells[i + 1])).ToDictionary(x => x.p, x => x.Item2);
                else if (cells.Length == 4)
                    Rows.Add(new Row(cells[0], cells[1], cells[2], cells[3]));
            }
        }
    }

    static string Normalise(string pattern) => "/" + pattern.Trim('/').ToLowerInvariant();

    [Fact]
    public void The_table_gives_every_rule_an_answer_for_every_role()
    {
        Assert.True(Table.Rows.Count > 90, $"only {Table.Rows.Count} rows read from docs/permissions.md");
        foreach (var row in Table.Rows)
            Assert.True(Table.Rules.ContainsKey(row.Rule), $"{row.Method} {row.Pattern}: no rule called '{row.Rule}'");
        foreach (var (rule, answers) in Table.Rules)
            Assert.All(answers, a => Assert.Contains(a.Value, new[] { "yes", "no", "not found", "link", "token" }));
        Assert.Equal(Table.Rows.Count, Table.Rows.Select(r => (r.Method, r.Pattern, r.Handler)).Distinct().Count());
    }

    [Fact]
    public void Every_page_handler_and_endpoint_has_a_row()
    {
        var endpoints = walk.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Normalise(e.RoutePattern.RawText ?? "").StartsWith("/_")).ToList();
        var known = Table.Rows.Select(r => Normalise(r.Pattern)).ToHashSet();
        var paths = endpoints.Select(e => Normalise(e.RoutePattern.RawText ?? "")).Distinct().ToList();
        var missing = paths.Where(e => !known.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "Pages and endpoints without a row in docs/permissions.md: " + string.Join(", ", missing));
        // An API endpoint needs a row for each of its methods (a GET beside a POST is a new way in).
        var knownMethods = Table.Rows.Select(r => $"{r.Method} {Normalise(r.Pattern)}").ToHashSet();
        var missingMethods = endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText ?? "")}"))
            .Where(k => !knownMethods.Contains(k)).Distinct().ToList();
        Assert.True(missingMethods.Count == 0, "Endpoint methods without a row: " + string.Join(", ", missingMethods));
        // A page needs a row for each of its form handlers.
        var handlers = endpoints
            .Select(e => (Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>(), Path: Normalise(e.RoutePattern.RawText ?? "")))
            .Where(p => p.Page is not null)
            .SelectMany(p => p.Page!.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "Post", StringComparison.OrdinalIgnoreCase)).Select(h => $"POST {p.Path} {h.Name ?? ""}"))
            .Distinct().ToList();
        var knownHandlers = Table.Rows.Where(r => r.Method == "POST").Select(r => $"POST {Normalise(r.Pattern)} {r.Handler}").ToHashSet();
        var missingHandlers = handlers.Where(h => !knownHandlers.Contains(h)).ToList();
        Assert.True(missingHandlers.Count == 0, "Form handlers without a row: " + string.Join(", ", missingHandlers));
        var stale = known.Where(k => !paths.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rows for pages or endpoints that no longer exist: " + string.Join(", ", stale));
    }

    public static TheoryData<string, string, string> AllRows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var r in Table.Rows) data.Add(r.Method, r.Pattern, r.Handler);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllRows))]
    public async Task Each_page_and_endpoint_lets_in_exactly_the_roles_its_rule_names(string method, string pattern, string handler)
    {
        var row = Table.Rows.Single(r => r.Method == method && r.Pattern == pattern && r.Handler == handler);
        var url = walk.UrlFor(pattern, handler);
        var isApi = url.StartsWith("/api") || url.StartsWith("/hubs");
        var failures = new List<string>();
        foreach (var persona in Enum.GetValues<Persona>())
        {
            // Signing out ends the session: that row gets a session of its own, and one that signs out the
            // account's other sessions makes the walk sign that person in again afterwards.
            var ends = EndsSessions(method, pattern, handler);
            var client = ends ? await walk.NewClientAsync(persona, isApi) : await walk.ClientAsync(persona, isApi);
            var response = await Send(client, method, url, handler, isApi);
            if (ends) walk.Forget(persona);
            var expected = Table.Rules[row.Rule][persona];
            var problem = expected switch
            {
                "yes" => Allowed(response),
                "no" => persona == Persona.Anonymous ? NeedsSignIn(response, isApi) : Forbidden(response, isApi),
                "not found" => persona == Persona.Anonymous ? NeedsSignIn(response, isApi) : NotFound(response),
                "link" => response.StatusCode == HttpStatusCode.NotFound ? null : $"a wrong secret gave {response.StatusCode}",
                "token" => response.StatusCode == HttpStatusCode.Unauthorized ? null : $"a forged token gave {response.StatusCode}",
                _ => $"unknown answer '{expected}'",
            };
            if (problem is not null) failures.Add($"{persona} (expected {expected}): {problem}");
        }
        Assert.True(failures.Count == 0, $"{method} {url} {handler} [{row.Rule}]:\n" + string.Join("\n", failures));
    }

    /// <summary>Rows that sign out: this session (sign-out, the API's logout) or every other one of the account.</summary>
    public static bool EndsSessions(string method, string pattern, string handler) =>
        (method, pattern, handler) is ("POST", "/account/sign-out", _) or ("POST", "/api/v1/auth/logout", _) or ("DELETE", "/api/v1/me/sessions", _) or ("POST", "/account/devices", "EndOthers");

    static async Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string? handler, bool isApi)
    {
        if (method == "GET") return await client.GetAsync(url);
        if (isApi)
        {
            var body = url.EndsWith("/login") ? JsonContent.Create(new { email = "", password = "" })
                : url.EndsWith("/refresh") ? JsonContent.Create(new { refreshToken = "x" })
                : method == "PATCH" ? JsonContent.Create(new { capacity = (int?)null }) // harmless: no cap stays no cap; the series endpoint refuses it
                : url.EndsWith("/series") ? JsonContent.Create(new { title = "Rule check", dayOfWeek = "monday", localTime = "07:00", startsOn = "2030-01-07" })
                : JsonContent.Create(new { firstTime = false }); // anything else: an empty request, refused as invalid once let in
            return await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = body });
        }
        // A page's form: take the antiforgery token from the page itself.
        var page = await client.GetAsync(url);
        var doc = Pages.Parse(await page.Content.ReadAsStringAsync());
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        if (token is null)
        {
            // Signed out, or refused, the page has no form; a real token from another page gets past antiforgery.
            var signIn = Pages.Parse(await (await client.GetAsync("/account/sign-in")).Content.ReadAsStringAsync());
            token = signIn.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                ?? Pages.Parse(await (await client.GetAsync("/help")).Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    static string Location(HttpResponseMessage r) =>
        r.Headers.Location is not { } l ? "" : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    static string? Allowed(HttpResponseMessage r)
    {
        if (r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return $"refused with {r.StatusCode}";
        var location = Location(r);
        return location.StartsWith("/account/sign-in") || location.StartsWith("/account/access-denied") ? $"redirected to {location}" : null;
    }

    static string? NeedsSignIn(HttpResponseMessage r, bool isApi) => isApi
        ? r.StatusCode == HttpStatusCode.Unauthorized ? null : $"{r.StatusCode}, not 401"
        : r.StatusCode == HttpStatusCode.Redirect && Location(r).StartsWith("/account/sign-in") ? null : $"{r.StatusCode} {Location(r)}, not sent to sign in";

    /// <summary>Answered as if it did not exist: 404 (for the API, problem details; for pages, "Page not found").</summary>
    static string? NotFound(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.NotFound ? null : $"{r.StatusCode} {Location(r)}, not 404";

    static string? Forbidden(HttpResponseMessage r, bool isApi) => isApi
        ? r.StatusCode == HttpStatusCode.Forbidden ? null : $"{r.StatusCode}, not 403"
        : r.StatusCode == HttpStatusCode.Forbidden ? null : $"{r.StatusCode} {Location(r)}, not refused with 403";

    /// <summary>The app, one account per role (signed in once, for pages and for the API), and the things the addresses point at.</summary>
    public sealed class Walk : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        readonly Dictionary<(Persona, bool), HttpClient> clients = [];
        readonly Dictionary<Persona, string> emails = [];
        readonly SemaphoreSlim gate = new(1, 1);
        int runId, seriesId, applicationId, roomId, concernId, pastRunId;
        long messageId;
        string groupMemberId = "";

        public async Task InitializeAsync()
        {
            const string slug = "peterborough";
            emails[Persona.SignedIn] = await App.NewMemberAsync("Applicant");
            emails[Persona.GroupMember] = await App.NewMemberAsync(groupSlug: slug);
            emails[Persona.GroupLeader] = await App.NewMemberAsync(groupSlug: slug, role: GroupRole.Leader);
            emails[Persona.GroupOrganiser] = DemoCommunity.LeaderEmail(slug);
            emails[Persona.OtherOrganiser] = DemoCommunity.LeaderEmail("brighton");
            emails[Persona.HqAdmin] = DemoCommunity.HqEmail;
            foreach (var (persona, role) in new[] { (Persona.SafeguardingLead, HqRole.SafeguardingLead), (Persona.Moderator, HqRole.Moderator) })
            {
                emails[persona] = await App.NewMemberAsync(persona.ToString());
                var email = emails[persona];
                await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, role)));
            }
            groupMemberId = await App.MemberIdAsync(emails[Persona.GroupMember]);
            var run = await App.NextRunAsync(slug, skip: 5);
            runId = run.Id;
            seriesId = (await App.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.GroupId == run.GroupId))).Id;
            (roomId, messageId) = await App.WithDbAsync(async db =>
            {
                // The group's chat room, with one message by the group member (the author).
                var group = await db.Groups.SingleAsync(g => g.Slug == slug);
                var room = new Room { Kind = RoomKind.Group, Key = Room.KeyFor(RoomKind.Group, group.Id), GroupId = group.Id, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
                db.Rooms.Add(room);
                await db.SaveChangesAsync();
                var message = new ChatMessage { RoomId = room.Id, AuthorId = groupMemberId, Text = "Hello all", SentAt = SystemClock.Instance.GetCurrentInstant() };
                db.Messages.Add(message);
                await db.SaveChangesAsync();
                return (room.Id, message.Id);
            });
            // A concern the organiser raised about one of the group's past runs.
            var organiserId = await App.MemberIdAsync(emails[Persona.GroupOrganiser]);
            var past = await App.PastRunAsync(slug);
            pastRunId = past.Id;
            concernId = await App.WithDbAsync(async db =>
            {
                // The past run's roster is the organiser alone: concerns about it are theirs to raise.
                await db.RunLeaders.Where(l => l.RunId == past.Id).ExecuteDeleteAsync();
                db.RunLeaders.Add(new RunLeader { RunId = past.Id, MemberId = organiserId, AddedAt = SystemClock.Instance.GetCurrentInstant() });
                var concern = new Concern { RunId = past.Id, RaisedById = organiserId, Kind = ConcernKind.Safety, Description = "Walk check", RaisedAt = SystemClock.Instance.GetCurrentInstant(), UpdatedAt = SystemClock.Instance.GetCurrentInstant() };
                db.Concerns.Add(concern);
                await db.SaveChangesAsync();
                return concern.Id;
            });
            var applicant = await App.MemberIdAsync(emails[Persona.SignedIn]);
            applicationId = await App.WithDbAsync(async db =>
            {
                // To start a group elsewhere: when the walk approves it, the applicant leads a new group, not the one the walk is about.
                var app = new LeaderApplication
                {
                    MemberId = applicant, Kind = ApplicationKind.NewGroup, Town = "Norwich", Country = "GB", Latitude = 52.6278, Longitude = 1.2983,
                    TownKey = LeaderApplication.KeyFor("GB", "Norwich"), Motivation = "To help", Experience = "I run", Availability = "Thursdays",
                    CreatedAt = SystemClock.Instance.GetCurrentInstant(), UpdatedAt = SystemClock.Instance.GetCurrentInstant(), GuidelinesAcceptedAt = SystemClock.Instance.GetCurrentInstant(), LeadersCodeAcceptedAt = SystemClock.Instance.GetCurrentInstant(),
                };
                db.Applications.Add(app);
                await db.SaveChangesAsync();
                return app.Id;
            });
        }

        /// <summary>
        /// The row's address with real ids: a run, a series, an application, a chat room or a message, as the path
        /// is about. Joining and leaving are tried on another group, so the roles in the walk's group stay put.
        /// </summary>
        public string UrlFor(string pattern, string handler = "")
        {
            var id = pattern.StartsWith("/api/v1/series/") ? seriesId
                : pattern.Contains("applications/{id") ? applicationId
                : pattern.StartsWith("/talk/") || pattern.StartsWith("/api/v1/rooms/") ? roomId
                : pattern.Contains("crisis-phrases/") ? 999_999
                : pattern.Contains("concerns/{id") ? concernId
                : pattern.EndsWith("/concern") || pattern.EndsWith("/concerns") ? pastRunId
                : runId;
            var slug = handler is "Join" or "Leave" || pattern.EndsWith("/membership") ? "brighton" : "peterborough";
            return pattern.Replace("{id:int}", id.ToString()).Replace("{id:long}", messageId.ToString()).Replace("{id}", "new").Replace("{slug}", slug)
                .Replace("{memberId}", groupMemberId).Replace("{documentName}", "v1").Replace("{token}", "not-the-secret-address-of-anyone").Replace("{kind}", "day-before");
        }

        public async Task<HttpClient> ClientAsync(Persona persona, bool api)
        {
            await gate.WaitAsync();
            try
            {
                if (clients.TryGetValue((persona, api), out var client)) return client;
                return clients[(persona, api)] = await NewClientAsync(persona, api);
            }
            finally { gate.Release(); }
        }

        /// <summary>The person's sessions were signed out: sign in afresh at their next row.</summary>
        public void Forget(Persona persona)
        {
            clients.Remove((persona, false));
            clients.Remove((persona, true));
        }

        public async Task<HttpClient> NewClientAsync(Persona persona, bool api) => persona == Persona.Anonymous
            ? api ? App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }) : App.Browser()
            : api ? await App.ApiClientAsync(emails[persona]) : await App.SignedInAsync(emails[persona]);

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
