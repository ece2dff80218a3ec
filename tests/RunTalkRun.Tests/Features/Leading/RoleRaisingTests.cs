using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>
/// Nobody raises their own role in a group, and HQ can't make itself a group's organiser to read who comes to
/// runs: a bigger role for someone with an HQ role comes from the group's own organisers (or, for a group with
/// none, from another HQ admin). Each change is audit-logged and the group's organisers are told.
/// </summary>
public class RoleRaisingTests(AppFactory app) : IClassFixture<AppFactory>
{
    Task<GroupRole> RoleOf(string slug, string memberId) =>
        app.WithDbAsync(db => db.Memberships.Where(m => m.Group!.Slug == slug && m.MemberId == memberId).Select(m => m.Role).SingleAsync());

    async Task<string> NewHqAdminAsync(string nickname, string? groupSlug = null)
    {
        var email = await app.NewMemberAsync(nickname, groupSlug);
        var id = await app.MemberIdAsync(email);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, HqRole.Admin)));
        return email;
    }

    [Fact]
    public async Task An_hq_admin_cannot_make_themselves_an_organiser_and_so_never_reads_attendance()
    {
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var hqId = await app.MemberIdAsync(DemoCommunity.HqEmail);
        var run = await app.NextRunAsync("peterborough");
        Assert.Equal(HttpStatusCode.NoContent, (await hq.PostAsync("/api/v1/groups/peterborough/membership", null)).StatusCode);

        var refused = await hq.PutAsJsonAsync($"/api/v1/groups/peterborough/people/{hqId}/role", new { role = "organiser" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("can't give yourself a bigger role", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(GroupRole.Member, await RoleOf("peterborough", hqId));
        Assert.Equal(HttpStatusCode.Forbidden, (await hq.GetAsync($"/api/v1/runs/{run.Id}/attendees")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hq.PutAsJsonAsync($"/api/v1/groups/peterborough/people/{hqId}/role", new { role = "leader" })).StatusCode);

        // The page says the same, beside the form.
        var browser = await app.SignedInAsync(DemoCommunity.HqEmail);
        var page = await browser.PostFormAsync("/groups/peterborough/people", new Dictionary<string, string> { ["Role"] = "organiser" }, $"form:has(input[value='{hqId}'])");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("can&#x27;t give yourself a bigger role", await page.Content.ReadAsStringAsync());
        Assert.Equal(GroupRole.Member, await RoleOf("peterborough", hqId));
        await hq.DeleteAsync("/api/v1/groups/peterborough/membership");
    }

    [Fact]
    public async Task A_leader_cannot_make_themselves_an_organiser_but_may_step_down()
    {
        var leader = await app.NewMemberAsync("Climber", "milton-keynes", GroupRole.Leader);
        var leaderId = await app.MemberIdAsync(leader);
        // A leader isn't an organiser: the group's people aren't theirs to change at all.
        var api = await app.ApiClientAsync(leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/v1/groups/milton-keynes/people/{leaderId}/role", new { role = "organiser" })).StatusCode);

        // An organiser can't make themselves more than they are, but can step down while another organiser remains.
        var organiser = await app.NewMemberAsync("Second organiser", "milton-keynes", GroupRole.Organiser);
        var organiserId = await app.MemberIdAsync(organiser);
        var organiserApi = await app.ApiClientAsync(organiser);
        Assert.Equal(HttpStatusCode.OK, (await organiserApi.PutAsJsonAsync($"/api/v1/groups/milton-keynes/people/{organiserId}/role", new { role = "leader" })).StatusCode);
        Assert.Equal(GroupRole.Leader, await RoleOf("milton-keynes", organiserId));
    }

    [Fact]
    public async Task One_hq_admin_cannot_raise_another_in_a_group_that_has_organisers_but_its_organiser_can()
    {
        var second = await NewHqAdminAsync("Second admin", "brisbane");
        var secondId = await app.MemberIdAsync(second);
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var refused = await hq.PutAsJsonAsync($"/api/v1/groups/brisbane/people/{secondId}/role", new { role = "leader" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only an organiser of Brisbane", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(GroupRole.Member, await RoleOf("brisbane", secondId));

        var organiser = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brisbane"));
        Assert.Equal(HttpStatusCode.OK, (await organiser.PutAsJsonAsync($"/api/v1/groups/brisbane/people/{secondId}/role", new { role = "leader" })).StatusCode);
        Assert.Equal(GroupRole.Leader, await RoleOf("brisbane", secondId));
    }

    [Fact]
    public async Task In_a_group_with_no_organiser_a_second_hq_admin_gives_the_role()
    {
        var groupId = await app.WithDbAsync(async db =>
        {
            var brighton = await db.Groups.AsNoTracking().SingleAsync(g => g.Slug == "brighton");
            var group = new Group
            {
                Slug = $"nobody-{Guid.NewGuid():N}"[..20], Name = "Nobody Town", Town = "Nobody Town", Country = "GB", TimeZoneId = "Europe/London",
                Latitude = brighton.Latitude, Longitude = brighton.Longitude, Status = GroupStatus.Active,
            };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        var slug = await app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.Slug).SingleAsync());
        var helper = await NewHqAdminAsync("Helping admin");
        var helperId = await app.MemberIdAsync(helper);
        var helperApi = await app.ApiClientAsync(helper);
        Assert.Equal(HttpStatusCode.NoContent, (await helperApi.PostAsync($"/api/v1/groups/{slug}/membership", null)).StatusCode);

        var self = await helperApi.PutAsJsonAsync($"/api/v1/groups/{slug}/people/{helperId}/role", new { role = "organiser" });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("another HQ admin can", (await self.ProblemAsync()).GetProperty("detail").GetString());

        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.OK, (await hq.PutAsJsonAsync($"/api/v1/groups/{slug}/people/{helperId}/role", new { role = "organiser" })).StatusCode);
        Assert.Equal(GroupRole.Organiser, await RoleOf(slug, helperId));
        var hqId = await app.MemberIdAsync(DemoCommunity.HqEmail);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "role-change" && a.ActorId == hqId && a.Subject == $"member:{helperId}")));
    }

    [Fact]
    public async Task The_groups_organisers_are_told_of_every_change_of_role()
    {
        var member = await app.NewMemberAsync("Newly leading", "london-southwark");
        var memberId = await app.MemberIdAsync(member);
        var organiserEmail = DemoCommunity.LeaderEmail("london-southwark");
        var organiser = await app.ApiClientAsync(organiserEmail);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PutAsJsonAsync($"/api/v1/groups/london-southwark/people/{memberId}/role", new { role = "leader" })).StatusCode);
        var organiserId = await app.MemberIdAsync(organiserEmail);
        var mail = await app.WithDbAsync(db => db.OutboxMails.AsNoTracking().SingleAsync(m => m.Key.StartsWith("role:") && m.Key.Contains(memberId) && m.MemberId == organiserId));
        Assert.Equal("Newly leading is a leader of London – Southwark now", mail.Subject);
        Assert.Contains("a member before, a leader now", mail.Body);
        Assert.Contains("https://localhost/groups/london-southwark/people", mail.Body);
    }

    [Fact]
    public async Task An_hq_admin_cannot_approve_their_own_application()
    {
        var admin = await NewHqAdminAsync("Applying admin");
        var api = await app.ApiClientAsync(admin);
        var applied = await api.PostAsJsonAsync("/api/v1/applications", new
        {
            kind = "join-group", group = "brighton", motivation = "I'd like to lead.", experience = "Some.", availability = "Thursdays",
            acceptGuidelines = true, acceptLeadersCode = true,
        });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var id = (await applied.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        var refused = await api.PostAsJsonAsync($"/api/v1/hq/applications/{id}/approval", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("own application", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        var adminId = await app.MemberIdAsync(admin);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.MemberId == adminId && m.Group!.Slug == "brighton" && m.Role != GroupRole.Member)));
    }
}
