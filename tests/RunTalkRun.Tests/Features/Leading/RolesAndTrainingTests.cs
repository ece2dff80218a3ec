using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>Organisers choose who leads; leaders keep their training; organisers and HQ see who is current.</summary>
public class RolesAndTrainingTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "brighton";
    static string Organiser => DemoCommunity.LeaderEmail(Slug);

    Task<GroupRole> RoleOf(string memberId) => app.WithDbAsync(db => db.Memberships.Where(m => m.Group!.Slug == Slug && m.MemberId == memberId).Select(m => m.Role).SingleAsync());

    [Fact]
    public async Task An_organiser_makes_a_member_a_leader_on_the_people_page_and_it_is_audit_logged()
    {
        var member = await app.NewMemberAsync("Hana", Slug);
        var memberId = await app.MemberIdAsync(member);
        var browser = await app.SignedInAsync(Organiser);
        var page = await browser.GetPageAsync($"/groups/{Slug}/people");
        Assert.Contains("Hana", page.QuerySelector("table")!.TextContent);
        Assert.DoesNotContain("@example", page.QuerySelector("main")!.TextContent); // nicknames, never emails
        var response = await browser.PostFormAsync($"/groups/{Slug}/people", new Dictionary<string, string> { ["Role"] = "leader" }, $"form:has(input[value='{memberId}'])");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(GroupRole.Leader, await RoleOf(memberId));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "role-change" && a.Subject == $"member:{memberId}")));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "people-read")));
    }

    [Fact]
    public async Task The_last_organiser_cannot_step_down_but_can_once_there_is_another()
    {
        var organiserId = await app.MemberIdAsync(Organiser);
        var api = await app.ApiClientAsync(Organiser);
        var refused = await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{organiserId}/role", new { role = "leader" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("only organiser", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(GroupRole.Organiser, await RoleOf(organiserId));

        var second = await app.NewMemberAsync("Ivo", Slug, GroupRole.Leader);
        var secondId = await app.MemberIdAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{secondId}/role", new { role = "organiser" })).StatusCode);
        // Both step down at once: one of them stays an organiser.
        var secondApi = await app.ApiClientAsync(second);
        var both = await Task.WhenAll(
            api.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{organiserId}/role", new { role = "leader" }),
            secondApi.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{secondId}/role", new { role = "leader" }));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(1, await app.WithDbAsync(db => db.Memberships.CountAsync(m => m.Group!.Slug == Slug && m.Role == GroupRole.Organiser)));
        // Put things back for the other tests.
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        await hq.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{organiserId}/role", new { role = "organiser" });
    }

    [Theory]
    [InlineData("""{"role":"boss"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"role":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"role":7}""", HttpStatusCode.BadRequest)]
    public async Task A_role_that_is_not_organiser_leader_or_member_is_refused(string json, HttpStatusCode status)
    {
        var member = await app.MemberIdAsync(await app.NewMemberAsync(groupSlug: Slug));
        var api = await app.ApiClientAsync(Organiser);
        var response = await api.PutAsync($"/api/v1/groups/{Slug}/people/{member}/role", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, response.StatusCode);
        await response.ProblemAsync();
        Assert.Equal(GroupRole.Member, await RoleOf(member));
    }

    [Fact]
    public async Task Someone_not_in_the_group_cannot_be_given_a_role_and_a_leader_cannot_give_roles()
    {
        var outsider = await app.MemberIdAsync(await app.NewMemberAsync());
        var api = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{outsider}/role", new { role = "leader" })).StatusCode);
        var leader = await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader));
        var member = await app.MemberIdAsync(await app.NewMemberAsync(groupSlug: Slug));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{member}/role", new { role = "organiser" })).StatusCode);
        Assert.Equal(GroupRole.Member, await RoleOf(member));
    }

    [Fact]
    public async Task A_leader_made_a_member_comes_off_the_upcoming_runs_and_series_they_led()
    {
        var leader = await app.NewMemberAsync("Jo", Slug, GroupRole.Leader);
        var leaderId = await app.MemberIdAsync(leader);
        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.Group!.Slug == Slug));
        var api = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/series/{series.Id}/leaders", new { memberId = leaderId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/people/{leaderId}/role", new { role = "member" })).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SeriesLeaders.AnyAsync(s => s.MemberId == leaderId)));
        Assert.False(await app.WithDbAsync(db => db.RunLeaders.AnyAsync(l => l.MemberId == leaderId)));
    }

    [Fact]
    public async Task A_leader_records_training_and_their_organiser_sees_whether_it_is_current()
    {
        var leader = await app.NewMemberAsync("Kit", Slug, GroupRole.Leader);
        var browser = await app.SignedInAsync(leader);
        var today = DateTime.UtcNow.Date;
        var added = await browser.PostFormAsync("/account/training", new Dictionary<string, string>
        {
            ["Input.Course"] = "mental-health-first-aid", ["Input.TakenOn"] = today.AddYears(-1).ToString("yyyy-MM-dd"), ["Input.ExpiresOn"] = today.AddYears(2).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var api = await app.ApiClientAsync(leader);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/me/training", new { course = "first-aid", takenOn = today.AddYears(-4).ToString("yyyy-MM-dd"), expiresOn = today.AddYears(-1).ToString("yyyy-MM-dd") })).StatusCode);
        var mine = await (await api.GetAsync("/api/v1/me/training")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, mine.GetArrayLength());
        var people = await (await (await app.ApiClientAsync(Organiser)).GetAsync($"/api/v1/groups/{Slug}/people")).Content.ReadFromJsonAsync<JsonElement>();
        var kit = people.EnumerateArray().Single(p => p.GetProperty("nickname").GetString() == "Kit").GetProperty("training").GetString()!;
        Assert.Contains("Current: Mental Health First Aid", kit);
        Assert.Contains("Ran out: First aid", kit);
        // Another member can't see or remove it.
        var other = await app.ApiClientAsync(await app.NewMemberAsync());
        Assert.Equal(0, (await (await other.GetAsync("/api/v1/me/training")).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/me/training/{mine[0].GetProperty("id").GetInt32()}")).StatusCode);
    }

    [Theory]
    [InlineData("mental-health-first-aid", "2025-05-01", "2025-04-01", "expiresOn")]  // runs out before it was taken
    [InlineData("mental-health-first-aid", "2025-05-01", "2025-05-01", "expiresOn")]
    [InlineData("first-aid", "2099-01-01", "", "takenOn")]                             // in the future
    [InlineData("first-aid", "yesterday", "", "takenOn")]
    [InlineData("first-aid", "2025-02-30", "", "takenOn")]
    [InlineData("", "2025-01-01", "", "course")]
    [InlineData("other", "2025-01-01", "", "otherName")]
    [InlineData("<script>", "2025-01-01", "", "course")]
    public async Task Training_that_does_not_add_up_is_refused_beside_the_field(string course, string takenOn, string expiresOn, string field)
    {
        var leader = await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader);
        var api = await app.ApiClientAsync(leader);
        var response = await api.PostAsJsonAsync("/api/v1/me/training", new { course, takenOn, expiresOn });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
        var browser = await app.SignedInAsync(leader);
        var page = Pages.Parse(await (await browser.PostFormAsync("/account/training", new Dictionary<string, string>
        {
            ["Input.Course"] = course, ["Input.TakenOn"] = takenOn, ["Input.ExpiresOn"] = expiresOn,
        })).Content.ReadAsStringAsync());
        var key = "Input_" + char.ToUpperInvariant(field[0]) + field[1..];
        Assert.NotNull(page.QuerySelector($"#{key}-error"));
        Assert.Equal(takenOn, page.QuerySelector("#Input_TakenOn")!.GetAttribute("value"));
        var id = await app.MemberIdAsync(leader);
        Assert.False(await app.WithDbAsync(db => db.TrainingRecords.AnyAsync(t => t.MemberId == id)));
    }

    [Fact]
    public async Task A_reminder_goes_once_a_month_before_a_course_runs_out()
    {
        var leader = await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader);
        var api = await app.ApiClientAsync(leader);
        var today = DateTime.UtcNow.Date;
        await api.PostAsJsonAsync("/api/v1/me/training", new { course = "first-aid", takenOn = today.AddYears(-3).ToString("yyyy-MM-dd"), expiresOn = today.AddDays(20).ToString("yyyy-MM-dd") });
        await api.PostAsJsonAsync("/api/v1/me/training", new { course = "safeguarding", takenOn = today.AddYears(-1).ToString("yyyy-MM-dd"), expiresOn = today.AddDays(90).ToString("yyyy-MM-dd") });
        for (var i = 0; i < 2; i++)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RunJobs>().QueueTrainingRemindersAsync();
        }
        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.ToAddress == leader).ToListAsync());
        Assert.Single(mails);
        Assert.Contains("First aid runs out", mails[0].Subject);
        Assert.NotNull(mails[0].UnsubscribeUrl); // this one can be switched off
    }
}
