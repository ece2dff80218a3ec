using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>Withdrawing a consent stops what it allowed at once; the guidelines can't be withdrawn short of leaving.</summary>
public class ConsentWithdrawalTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Withdrawing_attendance_consent_frees_upcoming_places_takes_the_name_off_registers_and_stops_new_rsvps_until_given_again()
    {
        var m = await app.FullMemberAsync();
        var browser = await app.SignedInAsync(m.Email);
        var page = await browser.GetPageAsync("/account/consents");
        Assert.Contains("Given", page.Text("#consent-attendance .consent-state"));
        Assert.Null(page.QuerySelector("#consent-guidelines form"));

        var withdrawn = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["Kind"] = "attendance", ["Confirm"] = "yes" }, "#consent-attendance form");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.MemberId == m.Id && r.RunId == m.UpcomingRunId)));
        Assert.False(await app.WithDbAsync(db => db.RegisterEntries.AnyAsync(e => e.MemberId == m.Id)));
        Assert.True(await app.WithDbAsync(db => db.RegisterEntries.AnyAsync(e => e.RunId == m.PastRunId && e.MemberId == null && e.Present && e.FirstTime)));
        Assert.NotNull(await app.WithDbAsync(db => db.Consents.Where(c => c.MemberId == m.Id && c.Kind == ConsentKind.AttendanceData).Select(c => c.WithdrawnAt).SingleAsync()));

        var api = await app.ApiClientAsync(m.Email);
        var refused = await api.PostAsJsonAsync($"/api/v1/runs/{m.UpcomingRunId}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ProblemAsync();
        Assert.Contains("withdrawn your consent", problem.GetProperty("detail").GetString());
        Assert.Equal("NoConsent", problem.GetProperty("reason").GetString());
        Assert.Equal(RsvpRefusalText.ConsentsPage, problem.GetProperty("consentsUrl").GetString());
        Assert.Equal(RsvpRefusalText.GiveConsentApi, problem.GetProperty("giveConsentUrl").GetString());
        Assert.EndsWith("rfc9110#section-15.5.10", problem.GetProperty("type").GetString()); // the type is kept: 409

        // The run page says so with a link instead of offering "I'm coming"; a post from an older page is refused with the link too.
        var shown = await browser.GetPageAsync($"/runs/{m.UpcomingRunId}");
        Assert.Null(shown.QuerySelector("form[action*=ImComing]"));
        Assert.NotNull(shown.QuerySelector("#no-consent a[href='/account/consents']"));
        var runPage = await browser.PostFormAsync($"/runs/{m.UpcomingRunId}", new Dictionary<string, string>(), "form[action='/account/sign-out']", action: $"/runs/{m.UpcomingRunId}?handler=ImComing");
        Assert.Equal(HttpStatusCode.Conflict, runPage.StatusCode);
        var conflict = Pages.Parse(await runPage.Content.ReadAsStringAsync());
        Assert.Contains("withdrawn your consent", conflict.Text(".error-summary"));
        Assert.Equal("#no-consent", conflict.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.NotNull(conflict.QuerySelector("#no-consent a[href='/account/consents']"));
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.MemberId == m.Id && r.RunId == m.UpcomingRunId)));

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/api/v1/me/consents/attendance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{m.UpcomingRunId}/rsvp", new { firstTime = false })).StatusCode);
        var consents = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/me/consents");
        Assert.True(consents!.Single(c => c.GetProperty("kind").GetString() == "attendance").GetProperty("given").GetBoolean());
    }

    [Fact]
    public async Task Withdrawing_attendance_asks_first_saying_which_places_it_cancels_and_changes_nothing_until_confirmed()
    {
        var m = await app.FullMemberAsync();
        var run = await app.WithDbAsync(db => db.Runs.Include(r => r.Group).SingleAsync(r => r.Id == m.UpcomingRunId));
        var browser = await app.SignedInAsync(m.Email);

        var asked = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["Kind"] = "attendance" }, "#consent-attendance form");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = Pages.Parse(await asked.Content.ReadAsStringAsync()).QuerySelector("#confirm-withdraw")!;
        Assert.Contains("This cancels your 1 place at upcoming runs", confirm.TextContent);
        Assert.Contains(run.Title, confirm.QuerySelector("ul.places")!.TextContent);
        Assert.Contains(run.Group!.Name, confirm.QuerySelector("ul.places")!.TextContent);
        Assert.Equal("yes", confirm.QuerySelector("input[name=Confirm]")!.GetAttribute("value"));
        Assert.True(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.MemberId == m.Id && r.RunId == m.UpcomingRunId)));
        Assert.Null(await app.WithDbAsync(db => db.Consents.Where(c => c.MemberId == m.Id && c.Kind == ConsentKind.AttendanceData).Select(c => c.WithdrawnAt).SingleAsync()));

        var confirmed = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["Kind"] = "attendance", ["Confirm"] = "yes" }, "#consent-attendance form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.MemberId == m.Id && r.RunId == m.UpcomingRunId)));
    }

    [Fact]
    public async Task The_guidelines_cant_be_withdrawn_without_leaving_and_unknown_kinds_are_refused()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync("Member"));
        var guidelines = await api.DeleteAsync("/api/v1/me/consents/guidelines");
        Assert.Equal(HttpStatusCode.Conflict, guidelines.StatusCode);
        Assert.Contains("delete your account", (await guidelines.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/v1/me/consents/%3Cscript%3E")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsync("/api/v1/me/consents/1%20OR%201=1", null)).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_the_leaders_code_ends_leading_but_not_for_a_groups_only_organiser()
    {
        var leader = await app.NewMemberAsync("Stepping down", "peterborough", GroupRole.Leader);
        var leaderId = await app.MemberIdAsync(leader);
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromDays(4));
        await app.WithDbAsync(async db =>
        {
            db.Consents.Add(Consent.Give(leaderId, ConsentKind.LeadersCode, SystemClock.Instance.GetCurrentInstant()));
            db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = leaderId, AddedAt = SystemClock.Instance.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ApiClientAsync(leader)).DeleteAsync("/api/v1/me/consents/leaders-code")).StatusCode);
        Assert.Equal(GroupRole.Member, await app.WithDbAsync(db => db.Memberships.Where(x => x.MemberId == leaderId).Select(x => x.Role).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.RunLeaders.AnyAsync(l => l.MemberId == leaderId)));

        // Brighton's demo organiser is its only one.
        var organiser = DemoCommunity.LeaderEmail("brighton");
        var organiserId = await app.MemberIdAsync(organiser);
        await app.WithDbAsync(async db =>
        {
            db.Consents.Add(Consent.Give(organiserId, ConsentKind.LeadersCode, SystemClock.Instance.GetCurrentInstant()));
            return await db.SaveChangesAsync();
        });
        var browser = await app.SignedInAsync(organiser);
        var refused = await browser.PostFormAsync("/account/consents", new Dictionary<string, string> { ["Kind"] = "leaders-code", ["Confirm"] = "yes" }, "#consent-leaders-code form");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("only organiser", Pages.Parse(await refused.Content.ReadAsStringAsync()).Text(".error-summary"));
        Assert.Equal(GroupRole.Organiser, await app.WithDbAsync(db => db.Memberships.Where(x => x.MemberId == organiserId).Select(x => x.Role).FirstAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Consents.Where(c => c.MemberId == organiserId && c.Kind == ConsentKind.LeadersCode).Select(c => c.WithdrawnAt).FirstAsync()));
    }
}
