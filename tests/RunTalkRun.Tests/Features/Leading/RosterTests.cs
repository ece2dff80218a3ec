using NodaTime;
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

/// <summary>Who leads each run: the roster, cover asked and taken, and runs with nobody leading.</summary>
public class RosterTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "milton-keynes";
    static string Organiser => DemoCommunity.LeaderEmail(Slug);

    Task<List<string>> LeadersOf(int runId) => app.WithDbAsync(db => db.RunLeaders.Where(l => l.RunId == runId).Select(l => l.Member!.Email!).ToListAsync());

    [Fact]
    public async Task The_demo_groups_runs_are_led_by_their_organiser_and_new_series_runs_by_their_creator()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var run = await app.WithDbAsync(db => db.Runs.Where(r => r.Group!.Slug == Slug && r.SeriesId != null && r.StartsAt > now).OrderBy(r => r.StartsAt).FirstAsync());
        Assert.Equal([Organiser], await LeadersOf(run.Id));
        var leader = await app.NewMemberAsync("Sky", Slug, GroupRole.Leader);
        var api = await app.ApiClientAsync(leader);
        var created = await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", new { title = "Friday social", dayOfWeek = "friday", localTime = "18:00", startsOn = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(body.GetProperty("firstRuns").EnumerateArray(), r => Assert.True(r.GetProperty("hasLeader").GetBoolean()));
        var firstRun = body.GetProperty("firstRuns")[0].GetProperty("id").GetInt32();
        Assert.Equal([leader], await LeadersOf(firstRun));
    }

    [Fact]
    public async Task A_run_with_nobody_leading_is_shown_as_not_confirmed_and_not_as_a_groups_next_run()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromHours(30));
        await app.WithDbAsync(db => db.RunLeaders.Where(l => l.RunId == run.Id).ExecuteDeleteAsync());
        var page = await app.Browser().GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("waiting for a leader", page.QuerySelector("#unconfirmed")!.TextContent);
        Assert.Equal("Nobody yet", page.QuerySelector("#leaders")!.TextContent.Trim());
        var summary = await (await app.Browser().GetAsync($"/api/v1/runs/{run.Id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(summary.GetProperty("hasLeader").GetBoolean());
        var ics = await (await app.Browser().GetAsync($"/runs/{run.Id}/calendar.ics")).Content.ReadAsStringAsync();
        Assert.Contains("STATUS:TENTATIVE", ics);
        var group = await app.Browser().GetPageAsync($"/groups/{Slug}");
        Assert.Contains("waiting for a leader", group.QuerySelector($"a[href='/runs/{run.Id}']")!.Closest("li")!.TextContent);

        // Once someone leads it, it's confirmed.
        var api = await app.ApiClientAsync(Organiser);
        var organiserId = await app.MemberIdAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = organiserId })).StatusCode);
        page = await app.Browser(followRedirects: false).GetPageAsync($"/runs/{run.Id}");
        Assert.Null(page.QuerySelector("#unconfirmed"));
        ics = await (await app.Browser().GetAsync($"/runs/{run.Id}/calendar.ics")).Content.ReadAsStringAsync();
        Assert.Contains("STATUS:CONFIRMED", ics);
    }

    [Fact]
    public async Task Organisers_are_emailed_once_when_a_run_within_48_hours_has_no_leader()
    {
        var soon = await app.NewRunAsync(Slug, TimeSpan.FromHours(40));
        var later = await app.NewRunAsync(Slug, TimeSpan.FromHours(60));
        await app.WithDbAsync(db => db.RunLeaders.Where(l => l.RunId == soon.Id || l.RunId == later.Id).ExecuteDeleteAsync());
        var leader = await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader);
        for (var i = 0; i < 2; i++)
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RunJobs>().QueueNoLeaderAlertsAsync();
        }
        var organiserId = await app.MemberIdAsync(Organiser);
        var leaderId = await app.MemberIdAsync(leader);
        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Key.StartsWith("no-leader:")).ToListAsync());
        Assert.Single(mails, m => m.Key == $"no-leader:{soon.Id}:{organiserId}");
        Assert.DoesNotContain(mails, m => m.Key.StartsWith($"no-leader:{later.Id}:"));
        Assert.DoesNotContain(mails, m => m.MemberId == leaderId); // organisers are told; leaders when there is no organiser
        Assert.Contains($"/groups/{Slug}/roster", mails.Single(m => m.Key == $"no-leader:{soon.Id}:{organiserId}").Body);
    }

    [Fact]
    public async Task A_leader_asks_for_cover_the_others_are_emailed_and_the_first_to_tap_takes_it()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(5));
        var asker = await app.NewMemberAsync("Asha", Slug, GroupRole.Leader);
        var others = new[] { await app.NewMemberAsync("Ben", Slug, GroupRole.Leader), await app.NewMemberAsync("Cas", Slug, GroupRole.Leader), await app.NewMemberAsync("Dee", Slug, GroupRole.Leader) };
        var askerId = await app.MemberIdAsync(asker);
        var organiserApi = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await organiserApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = askerId })).StatusCode);

        var browser = await app.SignedInAsync(asker);
        var asked = await browser.PostFormAsync($"/groups/{Slug}/roster", new Dictionary<string, string> { ["Reason"] = "Away for work" }, $"#run-{run.Id} form[action*=AskCover]");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.DoesNotContain(asker, await LeadersOf(run.Id));
        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Kind == RunTalkRun.Features.Mail.MailKind.CoverNeeded && m.Key.StartsWith("cover:")).ToListAsync());
        foreach (var other in others) Assert.Contains(mails, m => m.ToAddress == other && m.Body.Contains($"/runs/{run.Id}/cover") && m.Body.Contains("Away for work"));
        Assert.DoesNotContain(mails, m => m.ToAddress == asker);

        // Three leaders tap at once: one takes it.
        var clients = await Task.WhenAll(others.Select(o => app.ApiClientAsync(o)));
        var taps = await Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/runs/{run.Id}/cover", null)));
        Assert.Single(taps, t => t.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(2, taps.Count(t => t.StatusCode == HttpStatusCode.Conflict));
        var leaders = await LeadersOf(run.Id);
        Assert.Single(leaders);
        Assert.Contains(leaders[0], others);
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.ToAddress == asker && m.Subject.StartsWith("Covered"))));
    }

    [Fact]
    public async Task The_cover_page_takes_the_run_in_one_tap()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(6));
        var asker = await app.NewMemberAsync("Eve", Slug, GroupRole.Leader);
        var taker = await app.NewMemberAsync("Fay", Slug, GroupRole.Leader);
        var askerApi = await app.ApiClientAsync(asker);
        Assert.Equal(HttpStatusCode.NoContent, (await askerApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = await app.MemberIdAsync(asker) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await askerApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/cover-requests", new { reason = "" })).StatusCode);
        var browser = await app.SignedInAsync(taker);
        var page = await browser.GetPageAsync($"/runs/{run.Id}/cover");
        Assert.Contains("Eve can't lead it", page.QuerySelector("main")!.TextContent);
        var taken = await browser.PostFormAsync($"/runs/{run.Id}/cover", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal([taker], await LeadersOf(run.Id));
        // Nothing left to take.
        var again = await (await app.SignedInAsync(await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader))).GetPageAsync($"/runs/{run.Id}/cover");
        Assert.Contains("Nobody needs cover", again.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Asking_for_cover_on_a_run_you_are_not_leading_or_with_a_long_reason_is_refused()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(4));
        var leader = await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader);
        var api = await app.ApiClientAsync(leader);
        var notOn = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/cover-requests", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, notOn.StatusCode);
        await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = await app.MemberIdAsync(leader) });
        var tooLong = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/cover-requests", new { reason = new string('x', 301) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains(leader, await LeadersOf(run.Id)); // still on it: nothing half-done
        Assert.False(await app.WithDbAsync(db => db.CoverRequests.AnyAsync(c => c.RunId == run.Id)));
    }

    [Fact]
    public async Task Only_the_groups_leaders_can_be_put_on_its_runs()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var member = await app.NewMemberAsync(groupSlug: Slug);
        var otherLeader = DemoCommunity.LeaderEmail("brighton");
        var api = await app.ApiClientAsync(Organiser);
        foreach (var who in new[] { await app.MemberIdAsync(member), await app.MemberIdAsync(otherLeader), "no-such-member", "" })
        {
            var response = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = who });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("memberId", out _));
        }
        var browser = await app.SignedInAsync(Organiser);
        var page = await browser.PostFormAsync($"/groups/{Slug}/roster", new Dictionary<string, string> { ["MemberId"] = await app.MemberIdAsync(member) }, $"#run-{run.Id} form[action*=Assign]");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Only Milton Keynes's leaders", Pages.Parse(await page.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent);
        Assert.Empty(await LeadersOf(run.Id));
        // Twice: already on it.
        var organiserId = await app.MemberIdAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = organiserId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = organiserId })).StatusCode);
    }

    [Fact]
    public async Task Usually_leading_a_series_puts_you_on_its_upcoming_runs_and_stopping_takes_you_off()
    {
        var leader = await app.NewMemberAsync("Gus", Slug, GroupRole.Leader);
        var leaderId = await app.MemberIdAsync(leader);
        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.Group!.Slug == Slug));
        var api = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/series/{series.Id}/leaders", new { memberId = leaderId })).StatusCode);
        var now = SystemClock.Instance.GetCurrentInstant();
        var upcoming = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == series.Id && r.StartsAt > now && r.Status == RunStatus.Scheduled).Select(r => r.Id).ToListAsync());
        Assert.NotEmpty(upcoming);
        foreach (var id in upcoming) Assert.Contains(leader, await LeadersOf(id));
        var roster = await (await api.GetAsync($"/api/v1/groups/{Slug}/roster")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Gus", roster.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("seriesId").GetInt32() == series.Id).GetProperty("usuallyLedBy").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/series/{series.Id}/leaders/{leaderId}")).StatusCode);
        foreach (var id in upcoming) Assert.DoesNotContain(leader, await LeadersOf(id));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/series/{series.Id}/leaders/{leaderId}")).StatusCode);
    }

    [Fact]
    public async Task A_member_of_the_group_cannot_change_the_roster()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var member = await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = await app.MemberIdAsync(Organiser) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/runs/{run.Id}/cover", null)).StatusCode);
        Assert.Empty(await LeadersOf(run.Id));
    }

    [Fact]
    public async Task A_leader_who_is_back_after_asking_for_cover_closes_the_request_and_nobody_else_can_take_it()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(8));
        var asker = await app.NewMemberAsync("Hal", Slug, GroupRole.Leader);
        var other = await app.NewMemberAsync("Ida", Slug, GroupRole.Leader);
        var askerId = await app.MemberIdAsync(asker);
        var api = await app.ApiClientAsync(asker);
        await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = askerId });
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/cover-requests", new { reason = "maybe away" })).StatusCode);
        // Plans changed: back on the run.
        var browser = await app.SignedInAsync(asker);
        var roster = await browser.GetPageAsync($"/groups/{Slug}/roster");
        Assert.Contains("I can lead it after all", roster.QuerySelector($"#run-{run.Id} form[action*=Lead]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/groups/{Slug}/roster", new Dictionary<string, string>(), $"#run-{run.Id} form[action*=Lead]")).StatusCode);
        Assert.Equal(CoverStatus.Closed, await app.WithDbAsync(db => db.CoverRequests.Where(c => c.RunId == run.Id).Select(c => c.Status).SingleAsync()));
        var tap = await (await app.ApiClientAsync(other)).PostAsync($"/api/v1/runs/{run.Id}/cover", null);
        Assert.Equal(HttpStatusCode.Conflict, tap.StatusCode);
        Assert.Equal([asker], await LeadersOf(run.Id));
        Assert.False(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.ToAddress == asker && m.Subject.StartsWith("Covered"))));
        // The run page tells a rostered leader they're leading, not "are you coming?".
        var page = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.NotNull(page.QuerySelector("#you-lead"));
        Assert.Null(page.QuerySelector("form[action*=ImComing]"));
    }

    [Fact]
    public async Task An_organiser_putting_another_leader_on_a_run_covers_the_request_and_tells_the_asker()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(9));
        var asker = await app.NewMemberAsync("Jan", Slug, GroupRole.Leader);
        var other = await app.NewMemberAsync("Kai", Slug, GroupRole.Leader);
        var api = await app.ApiClientAsync(asker);
        await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = await app.MemberIdAsync(asker) });
        await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/cover-requests", new { reason = "" });
        var organiser = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PostAsJsonAsync($"/api/v1/runs/{run.Id}/leaders", new { memberId = await app.MemberIdAsync(other) })).StatusCode);
        var request = await app.WithDbAsync(db => db.CoverRequests.SingleAsync(c => c.RunId == run.Id));
        Assert.Equal(CoverStatus.Taken, request.Status);
        var mail = await app.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.Key == $"cover-taken:{request.Id}"));
        Assert.Equal(asker, mail.ToAddress);
        Assert.Contains("Kai is leading Milton Keynes's Milton Keynes test run", mail.Body); // the run's own name, no "run run"
    }
}
