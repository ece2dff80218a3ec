using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>Applying to lead or to start a group, and HQ's review: approve, ask, answer, decline, set live.</summary>
public class ApplicationTests(AppFactory app) : IClassFixture<AppFactory>
{
    static object NewTown(string town, string country = "GB", string? region = null) => new
    {
        kind = "new-group", town, country, region,
        motivation = "Running with others got me through a hard winter.", experience = "I jog three times a week.",
        availability = "Thursday evenings", trainingDone = "Mental Health First Aid, 2025", acceptGuidelines = true, acceptLeadersCode = true,
    };

    static Dictionary<string, string> Form(string town, string country = "GB", string motivation = "I'd love to give back.") => new()
    {
        ["Input.Kind"] = "new-group", ["Input.Town"] = town, ["Input.Country"] = country,
        ["Input.Motivation"] = motivation, ["Input.Experience"] = "Parkrun most weeks", ["Input.Availability"] = "Saturday mornings",
        ["Input.AcceptGuidelines"] = "true", ["Input.AcceptLeadersCode"] = "true",
    };

    async Task<int> ApplyAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/applications", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    Task<LeaderApplication> Reload(int id) => app.WithDbAsync(db => db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).SingleAsync(a => a.Id == id));

    Task<List<OutboxMail>> MailsAbout(int id) => app.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.Key.StartsWith($"application:{id}:")).ToListAsync());

    [Fact]
    public async Task A_member_applies_on_the_page_to_start_a_group_and_sees_where_it_stands()
    {
        var email = await app.NewMemberAsync("Robin");
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/lead/apply", Form("Truro"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/applications/\d+$", location);
        var page = await browser.GetPageAsync(location);
        Assert.Contains("Start a group in Truro", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Waiting for HQ to read it", page.QuerySelector("main")!.TextContent);
        var id = int.Parse(location.Split('/')[^1]);
        var mails = await MailsAbout(id);
        Assert.Contains(mails, m => m.ToAddress == email && m.Subject.Contains("Thank you for applying"));
        Assert.Contains(mails, m => m.ToAddress == DemoCommunity.HqEmail && m.Body.Contains($"/hq/applications/{id}"));
        Assert.All(mails, m => Assert.Null(m.UnsubscribeUrl)); // about something they asked for: always sent
        // The leaders' code is a recorded consent.
        var memberId = await app.MemberIdAsync(email);
        Assert.True(await app.WithDbAsync(db => db.Consents.AnyAsync(c => c.MemberId == memberId && c.Kind == RunTalkRun.Features.Accounts.ConsentKind.LeadersCode)));
        // The list on the apply page shows it too.
        var apply = await browser.GetPageAsync("/lead/apply");
        Assert.Contains("Start a group in Truro", apply.QuerySelector("main .cards")!.TextContent);
    }

    [Fact]
    public async Task Starting_a_group_in_a_town_that_has_one_offers_to_join_it_and_saves_nothing()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/lead/apply", Form("Peterborough", motivation: "Keep this text"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already has a group", page.QuerySelector("#Input_Town-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/groups/peterborough']"));
        Assert.Equal("Keep this text", page.QuerySelector("#Input_Motivation")!.TextContent);
        var memberId = await app.MemberIdAsync(email);
        Assert.False(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.MemberId == memberId)));

        var api = await app.ApiClientAsync(email);
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", NewTown("Peterborough"))).ProblemAsync();
        Assert.Equal("peterborough", problem.GetProperty("existingGroup").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("town", out _));
    }

    [Fact]
    public async Task Applying_twice_for_the_same_town_is_refused_with_a_link_to_the_first()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var first = await ApplyAsync(api, NewTown("Whitby"));
        var again = await api.PostAsJsonAsync("/api/v1/applications", NewTown("whitby"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first, (await again.ProblemAsync()).GetProperty("applicationId").GetInt32());
        var browser = await app.SignedInAsync(email);
        var page = Pages.Parse(await (await browser.PostFormAsync("/lead/apply", Form("Whitby"))).Content.ReadAsStringAsync());
        Assert.Contains("already applied", page.QuerySelector("#Input_Town-error")!.TextContent);
        Assert.NotNull(page.QuerySelector($"main a[href='/applications/{first}']"));
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.MemberId == memberId)));
    }

    [Fact]
    public async Task Eight_identical_applications_at_once_leave_one()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsJsonAsync("/api/v1/applications", NewTown("Ballarat", "AU"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.MemberId == memberId)));
    }

    [Fact]
    public async Task An_empty_motivation_and_unticked_code_are_refused_beside_the_fields_keeping_what_was_typed()
    {
        var browser = await app.SignedInAsync(await app.NewMemberAsync());
        var form = Form("Truro", motivation: "   ");
        form.Remove("Input.AcceptLeadersCode");
        form["Input.Availability"] = "<script>alert(1)</script> Sundays";
        var response = await browser.PostFormAsync("/lead/apply", form);
        var html = await response.Content.ReadAsStringAsync();
        var page = Pages.Parse(html);
        Assert.StartsWith("Error:", page.Title);
        Assert.Contains("why you'd like to lead", page.QuerySelector("#Input_Motivation-error")!.TextContent);
        Assert.Contains("leaders' code", page.QuerySelector("#Input_AcceptLeadersCode-error")!.TextContent);
        Assert.Equal("<script>alert(1)</script> Sundays", page.QuerySelector("#Input_Availability")!.TextContent);
        Assert.DoesNotContain("<script>alert(1)</script>", html); // kept, but as text
        Assert.Equal("Truro", page.QuerySelector("#Input_Town")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Motivation']"));
    }

    [Theory]
    [InlineData("""{"kind":"new-group","town":"","country":"GB"}""", "town")]
    [InlineData("""{"kind":"new-group","town":"Nowhereville-on-Sea","country":"GB"}""", "town")]
    [InlineData("""{"kind":"new-group","town":"Truro","country":"FR"}""", "country")]
    [InlineData("""{"kind":"lead-everything"}""", "kind")]
    [InlineData("""{"kind":"join-group","group":"no-such-group"}""", "group")]
    [InlineData("""{"kind":"new-group","town":"Newport","country":"GB"}""", "region")]
    public async Task Bad_applications_get_a_validation_problem_naming_the_field(string json, string field)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsync("/api/v1/applications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.True(problem.GetProperty("errors").TryGetProperty("motivation", out _));
    }

    [Theory]
    [InlineData("""{"kind":"new-group","town":123,"country":"GB"}""")]
    [InlineData("""{"kind":"new-group","acceptGuidelines":"yes"}""")]
    [InlineData("""not json""")]
    public async Task Wrong_types_are_a_bad_request_with_problem_details(string json)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsync("/api/v1/applications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task A_town_with_two_places_of_that_name_asks_which_one()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", NewTown("Newport"))).ProblemAsync();
        var regions = problem.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("Wales", regions);
        var id = await ApplyAsync(api, NewTown("Newport", region: "Wales"));
        Assert.Equal("Wales", (await Reload(id)).Region);
    }

    [Fact]
    public async Task Text_that_is_too_long_is_refused()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var body = new { kind = "new-group", town = "Truro", country = "GB", motivation = new string('a', 2001), experience = "x", availability = "y", acceptGuidelines = true, acceptLeadersCode = true };
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", body)).ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("motivation", out _));
    }

    [Fact]
    public async Task HQ_asks_a_question_the_applicant_answers_on_the_same_page_and_both_are_emailed()
    {
        var email = await app.NewMemberAsync("Sasha");
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Whitby"));
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var asked = await hq.PostFormAsync($"/hq/applications/{id}", new Dictionary<string, string> { ["Question"] = "Where would the runs start?" }, "form[action*=Ask]");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(ApplicationStatus.QuestionAsked, (await Reload(id)).Status);
        Assert.Contains(await MailsAbout(id), m => m.ToAddress == email && m.Subject.Contains("question"));

        var applicant = await app.SignedInAsync(email);
        var page = await applicant.GetPageAsync($"/applications/{id}");
        Assert.Contains("Where would the runs start?", page.QuerySelector("ol.thread")!.TextContent);
        var answered = await applicant.PostFormAsync($"/applications/{id}", new Dictionary<string, string> { ["Answer"] = "From the harbour, by the bandstand." });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var after = await Reload(id);
        Assert.Equal(ApplicationStatus.Submitted, after.Status);
        Assert.Equal(2, after.Messages.Count);
        Assert.Contains(await MailsAbout(id), m => m.ToAddress == DemoCommunity.HqEmail && m.Subject.Contains("answered"));
        var review = await hq.GetPageAsync($"/hq/applications/{id}");
        Assert.Contains("From the harbour", review.QuerySelector("ol.thread")!.TextContent);
        // Reading it is audit-logged.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "application-read" && a.Subject == $"application:{id}")));
    }

    [Fact]
    public async Task An_empty_answer_or_question_is_refused_and_changes_nothing()
    {
        var email = await app.NewMemberAsync();
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Truro"));
        var applicant = await app.SignedInAsync(email);
        var response = await applicant.PostFormAsync($"/applications/{id}", new Dictionary<string, string> { ["Answer"] = "  " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Write your answer", Pages.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#Answer-error")!.TextContent);
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/questions", new { text = "" })).StatusCode);
        Assert.Empty((await Reload(id)).Messages);
    }

    [Fact]
    public async Task Approving_a_new_town_creates_a_launching_group_with_the_applicant_as_organiser_and_HQ_sets_it_live()
    {
        var email = await app.NewMemberAsync("Morgan");
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Perth", "AU", "Western Australia"));
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var approved = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var application = await Reload(id);
        var group = application.Group!;
        Assert.Equal(GroupStatus.Launching, group.Status);
        Assert.Equal("Australia/Perth", group.TimeZoneId); // the nearest zone city in Australia
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(GroupRole.Organiser, await app.WithDbAsync(db => db.Memberships.Where(m => m.GroupId == group.Id && m.MemberId == memberId).Select(m => m.Role).SingleAsync()));
        Assert.Contains(await MailsAbout(id), m => m.ToAddress == email && m.Body.Contains($"/groups/{group.Slug}/manage"));

        // Not listed until it's live; its organiser can manage it already.
        var listed = await (await app.Browser().GetAsync("/api/v1/groups")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"\"{group.Slug}\"", listed);
        var organiser = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/groups/{group.Slug}/manage")).StatusCode);

        // Approving again: already decided, nothing more made.
        var twice = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync(g => g.Town == "Perth")));

        var live = await hq.PostAsync($"/api/v1/hq/groups/{group.Slug}/live", null);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        listed = await (await app.Browser().GetAsync("/api/v1/groups")).Content.ReadAsStringAsync();
        Assert.Contains($"\"{group.Slug}\"", listed);
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.Key == $"group:{group.Id}:live:{memberId}")));
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsync($"/api/v1/hq/groups/{group.Slug}/live", null)).StatusCode);
    }

    [Fact]
    public async Task Ten_approvals_at_once_make_one_group()
    {
        var email = await app.NewMemberAsync();
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Norwich"));
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync(g => g.Town == "Norwich")));
        Assert.Single(await MailsAbout(id), m => m.Key.EndsWith(":approved"));
    }

    [Fact]
    public async Task Two_applications_for_one_new_town_make_one_group()
    {
        var first = await ApplyAsync(await app.ApiClientAsync(await app.NewMemberAsync()), NewTown("Penzance"));
        var second = await ApplyAsync(await app.ApiClientAsync(await app.NewMemberAsync()), NewTown("Penzance"));
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.OK, (await hq.PostAsJsonAsync($"/api/v1/hq/applications/{first}/approval", new { })).StatusCode);
        var again = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{second}/approval", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("has a group now", (await again.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(second)).Status); // still open: HQ can ask them to lead there instead
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync(g => g.Town == "Penzance")));
    }

    [Fact]
    public async Task Approving_on_the_page_with_a_time_zone_of_another_country_is_refused()
    {
        var id = await ApplyAsync(await app.ApiClientAsync(await app.NewMemberAsync()), NewTown("Truro"));
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var response = await hq.PostFormAsync($"/hq/applications/{id}", new Dictionary<string, string> { ["TimeZone"] = "America/New_York" }, "form[action*=Approve]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(Pages.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#TimeZone-error"));
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(id)).Status);
        var api = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { timeZone = "Mars/Olympus" })).StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(id)).Status);
    }

    [Fact]
    public async Task Approving_someone_to_lead_in_a_group_makes_them_a_leader_there()
    {
        var email = await app.NewMemberAsync(groupSlug: "brisbane");
        var api = await app.ApiClientAsync(email);
        var id = await ApplyAsync(api, new { kind = "join-group", group = "brisbane", motivation = "m", experience = "e", availability = "a", acceptGuidelines = true, acceptLeadersCode = true });
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await hq.PostFormAsync($"/hq/applications/{id}", new Dictionary<string, string>(), "form[action*=Approve]")).StatusCode);
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(GroupRole.Leader, await app.WithDbAsync(db => db.Memberships.Where(m => m.Group!.Slug == "brisbane" && m.MemberId == memberId).Select(m => m.Role).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "role-change" && a.Subject == $"member:{memberId}")));
        // A leader applying to lead the same group again is told they already do.
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", new { kind = "join-group", group = "brisbane", motivation = "m", experience = "e", availability = "a", acceptGuidelines = true, acceptLeadersCode = true })).ProblemAsync();
        Assert.Contains("already lead", problem.GetProperty("errors").GetProperty("group")[0].GetString());
    }

    [Fact]
    public async Task Declining_needs_a_kind_message_which_the_applicant_reads()
    {
        var email = await app.NewMemberAsync();
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Truro"));
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var empty = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/decline", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(id)).Status);
        var declined = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/decline", new { text = "Thank you! We'd love you to lead with Cornwall's group first." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var page = await (await app.SignedInAsync(email)).GetPageAsync($"/applications/{id}");
        Assert.Contains("lead with Cornwall's group first", page.QuerySelector("blockquote")!.TextContent);
        Assert.Null(page.QuerySelector("textarea#Answer")); // decided: no more answers
        Assert.Contains(await MailsAbout(id), m => m.ToAddress == email && m.Body.Contains("lead with Cornwall's group first"));
        // Approving after declining: already decided.
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ApiClientAsync(email)).PostAsJsonAsync($"/api/v1/applications/{id}/answers", new { text = "But..." })).StatusCode);
    }

    [Fact]
    public async Task Another_member_cannot_see_or_answer_an_application_and_a_moderator_cannot_decide_one()
    {
        var id = await ApplyAsync(await app.ApiClientAsync(await app.NewMemberAsync()), NewTown("Truro"));
        var other = await app.ApiClientAsync(await app.NewMemberAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/v1/applications/{id}/answers", new { text = "hi" })).StatusCode);
        var mine = await (await other.GetAsync("/api/v1/me/applications")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, mine.GetArrayLength());
        var moderator = await app.NewMemberAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == moderator).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, RunTalkRun.Features.Accounts.HqRole.Moderator)));
        var mod = await app.ApiClientAsync(moderator);
        Assert.Equal(HttpStatusCode.Forbidden, (await mod.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { })).StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(id)).Status);
    }

    [Fact]
    public async Task Hostile_text_is_kept_as_text_and_shown_inert_to_HQ()
    {
        var email = await app.NewMemberAsync();
        const string hostile = "<img src=x onerror=alert(1)>'; DROP TABLE \"Groups\"; --";
        var id = await ApplyAsync(await app.ApiClientAsync(email), new { kind = "new-group", town = "Truro", country = "GB", motivation = hostile, experience = "e", availability = "a", acceptGuidelines = true, acceptLeadersCode = true });
        Assert.Equal(hostile, (await Reload(id)).Motivation);
        var html = await (await (await app.SignedInAsync(DemoCommunity.HqEmail)).GetAsync($"/hq/applications/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x", html);
        Assert.True(await app.WithDbAsync(db => db.Groups.AnyAsync()));
    }

    [Theory]
    [InlineData("GB", 52.63, 1.30, "Europe/London")]
    [InlineData("AU", -31.95, 115.86, "Australia/Perth")]
    [InlineData("AU", -37.56, 143.85, "Australia/Melbourne")] // Ballarat
    [InlineData("US", 34.05, -118.24, "America/Los_Angeles")]
    [InlineData("IE", 53.35, -6.26, "Europe/Dublin")]
    public void A_new_groups_time_zone_is_the_nearest_zone_of_its_country(string country, double lat, double lon, string zone) =>
        Assert.Equal(zone, TimeZones.Nearest(country, lat, lon));
}
