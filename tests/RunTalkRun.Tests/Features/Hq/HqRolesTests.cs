using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Hq;

/// <summary>HQ admins give and take away HQ roles; each change and each look-up is logged; HQ is never left without an admin.</summary>
public class HqRolesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_admin_makes_a_member_a_safeguarding_lead_who_must_then_set_up_two_step_sign_in()
    {
        var email = await app.NewMemberAsync("New lead");
        var id = await app.MemberIdAsync(email);
        var member = await app.SignedInAsync(email);
        var admin = await app.SignedInAsync(DemoCommunity.HqEmail);

        var found = await admin.GetPageAsync($"/hq/people?email={Uri.EscapeDataString(email)}");
        Assert.Contains("New lead", found.Text("#set-role legend"));
        var saved = await admin.PostFormAsync($"/hq/people?email={Uri.EscapeDataString(email)}", new Dictionary<string, string> { ["Role"] = "safeguarding-lead" }, "#set-role");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HqRole.SafeguardingLead, await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.HqRole).SingleAsync()));
        Assert.Contains("Safeguarding lead", (await admin.GetPageAsync("/hq/people")).Text("#hq-staff"));

        var log = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == $"member:{id}").Select(a => a.Action + " " + a.Detail).ToListAsync());
        Assert.Contains(log, l => l.StartsWith("read-member"));
        Assert.Contains("hq-role-change No HQ role to Safeguarding lead", log);

        // Their next page sends them to set up two-step sign-in before anything else.
        var next = await member.GetAsync("/hq/concerns");
        Assert.Contains("/account/two-factor", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Hq_is_never_left_without_an_admin_and_bad_requests_change_nothing()
    {
        var api = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var adminId = await app.MemberIdAsync(DemoCommunity.HqEmail);
        var last = await api.PutAsJsonAsync($"/api/v1/hq/people/{adminId}/role", new { role = "none" });
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("only admin", (await last.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsJsonAsync($"/api/v1/hq/people/{adminId}/role", new { role = "<script>" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsJsonAsync($"/api/v1/hq/people/{adminId}/role", new { role = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync("/api/v1/hq/people/'%20OR%201=1--/role", new { role = "moderator" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync("/api/v1/hq/people/deleted-member/role", new { role = "admin" })).StatusCode);
        Assert.Equal(HqRole.Admin, await app.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.HqRole).SingleAsync()));

        var admin = await app.SignedInAsync(DemoCommunity.HqEmail);
        var bad = await admin.GetPageAsync("/hq/people?email=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Contains("Enter the member's email address", bad.Text(".error-summary"));
        var nobody = await admin.GetPageAsync("/hq/people?email=nobody%40example.net");
        Assert.Contains("Nobody has an account", nobody.Text(".error-summary"));

        var staff = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/hq/people");
        Assert.Contains(staff!, p => p.GetProperty("role").GetString() == "safeguarding-lead");
        foreach (var who in new[] { DemoCommunity.SafeguardingEmail, DemoCommunity.ModeratorEmail, DemoCommunity.LeaderEmail("peterborough") })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(who)).PutAsJsonAsync($"/api/v1/hq/people/{adminId}/role", new { role = "none" })).StatusCode);
    }
}
