using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Leading.ApplicationSteps;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>HQ's review of applications: ask, answer, approve, decline, set live.</summary>
public class ApplicationReviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task HQ_asks_a_question_the_applicant_answers_on_the_same_page_and_both_are_emailed()
    {
        var email = await app.NewMemberAsync("Sasha");
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Whitby"));
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var asked = await hq.PostFormAsync($"/hq/applications/{id}", new Dictionary<string, string> { ["Question"] = "Where would the runs start?" }, "form[action*=Ask]");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(ApplicationStatus.QuestionAsked, (await Reload(app, id)).Status);
        Assert.Contains(await MailsAbout(app, id), m => m.ToAddress == email && m.Subject.Contains("question"));

        var applicant = await app.SignedInAsync(email);
        var page = await applicant.GetPageAsync($"/applications/{id}");
        Assert.Contains("Where would the runs start?", page.QuerySelector("ol.thread")!.TextContent);
        var answered = await applicant.PostFormAsync($"/applications/{id}", new Dictionary<string, string> { ["Answer"] = "From the harbour, by the bandstand." });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var after = await Reload(app, id);
        Assert.Equal(ApplicationStatus.Submitted, after.Status);
        Assert.Equal(2, after.Messages.Count);
        Assert.Contains(await MailsAbout(app, id), m => m.ToAddress == DemoCommunity.HqEmail && m.Subject.Contains("answered"));
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
        Assert.Empty((await Reload(app, id)).Messages);
    }

    [Fact]
    public async Task Approving_a_new_town_creates_a_launching_group_with_the_applicant_as_organiser_and_HQ_sets_it_live()
    {
        var email = await app.NewMemberAsync("Morgan");
        var id = await ApplyAsync(await app.ApiClientAsync(email), NewTown("Perth", "AU", "Western Australia"));
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var approved = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var application = await Reload(app, id);
        var group = application.Group!;
        Assert.Equal(GroupStatus.Launching, group.Status);
        Assert.Equal("Australia/Perth", group.TimeZoneId); // the nearest zone city in Australia
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(GroupRole.Organiser, await app.WithDbAsync(db => db.Memberships.Where(m => m.GroupId == group.Id && m.MemberId == memberId).Select(m => m.Role).SingleAsync()));
        Assert.Contains(await MailsAbout(app, id), m => m.ToAddress == email && m.Body.Contains($"/groups/{group.Slug}/manage"));

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
        Assert.Single(await MailsAbout(app, id), m => m.Key.EndsWith(":approved"));
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
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(app, second)).Status); // still open: HQ can ask them to lead there instead
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
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(app, id)).Status);
        var api = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { timeZone = "Mars/Olympus" })).StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(app, id)).Status);
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
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(app, id)).Status);
        var declined = await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/decline", new { text = "Thank you! We'd love you to lead with Cornwall's group first." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var page = await (await app.SignedInAsync(email)).GetPageAsync($"/applications/{id}");
        Assert.Contains("lead with Cornwall's group first", page.QuerySelector("blockquote")!.TextContent);
        Assert.Null(page.QuerySelector("textarea#Answer")); // decided: no more answers
        Assert.Contains(await MailsAbout(app, id), m => m.ToAddress == email && m.Body.Contains("lead with Cornwall's group first"));
        // Approving after declining: already decided.
        Assert.Equal(HttpStatusCode.Conflict, (await hq.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ApiClientAsync(email)).PostAsJsonAsync($"/api/v1/applications/{id}/answers", new { text = "But..." })).StatusCode);
    }

    [Fact]
    public async Task Another_member_cannot_see_or_answer_an_application_and_a_moderator_cannot_decide_one()
    {
        var id = await ApplyAsync(await app.ApiClientAsync(await app.NewMemberAsync()), NewTown("Truro"));
        var other = await app.ApiClientAsync(await app.NewMemberAsync());
        // Someone else's application is not found, like an id never used (ids are sequential).
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/applications/{id}/answers", new { text = "hi" })).StatusCode);
        var mine = await (await other.GetAsync("/api/v1/me/applications")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, mine.GetArrayLength());
        var moderator = await app.NewMemberAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == moderator).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, RunTalkRun.Features.Accounts.HqRole.Moderator)));
        var mod = await app.ApiClientAsync(moderator);
        Assert.Equal(HttpStatusCode.Forbidden, (await mod.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { })).StatusCode);
        Assert.Equal(ApplicationStatus.Submitted, (await Reload(app, id)).Status);
    }

    [Fact]
    public async Task Hostile_text_is_kept_as_text_and_shown_inert_to_HQ()
    {
        var email = await app.NewMemberAsync();
        const string hostile = "<img src=x onerror=alert(1)>'; DROP TABLE \"Groups\"; --";
        var id = await ApplyAsync(await app.ApiClientAsync(email), new { kind = "new-group", town = "Truro", country = "GB", motivation = hostile, experience = "e", availability = "a", acceptGuidelines = true, acceptLeadersCode = true });
        Assert.Equal(hostile, (await Reload(app, id)).Motivation);
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
