using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>
/// Who is coming is health data: the member, the leaders of the run's group and HQ see names;
/// everyone else sees a count. Checked for every role, on the API and on the pages.
/// </summary>
public class AttendeesPrivacyTests : IClassFixture<AppFactory>, IAsyncLifetime
{
    readonly AppFactory app;
    int runId;
    // Each test has its own first-timer on the run, so no test depends on another.
    readonly string Nick = $"Zebedee-{Guid.NewGuid():N}"[..16];
    string attendeeEmail = "";

    public AttendeesPrivacyTests(AppFactory app) => this.app = app;

    public async Task InitializeAsync()
    {
        var run = await app.NextRunAsync("peterborough");
        runId = run.Id;
        attendeeEmail = await app.NewMemberAsync(Nick, "peterborough");
        var api = await app.ApiClientAsync(attendeeEmail);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{runId}/rsvp", new { firstTime = true })).StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public enum Who { MemberOfThisGroup, MemberOfAnotherGroup, LeaderOfAnotherGroup, LeaderOfThisGroup, Hq }

    async Task<string> EmailOf(Who who) => who switch
    {
        Who.MemberOfThisGroup => await app.NewMemberAsync("Same group", "peterborough"),
        Who.MemberOfAnotherGroup => await app.NewMemberAsync("Other group", "brighton"),
        Who.LeaderOfAnotherGroup => DemoCommunity.LeaderEmail("brighton"),
        Who.LeaderOfThisGroup => DemoCommunity.LeaderEmail("peterborough"),
        Who.Hq => DemoCommunity.HqEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    static bool SeesNames(Who who) => who is Who.LeaderOfThisGroup; // not HQ: attendance is for the group's own leaders (DESIGN principle 2)

    [Fact]
    public async Task Anonymous_api_caller_gets_401_for_attendees()
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/runs/{runId}/attendees");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(Nick, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Who.MemberOfThisGroup)]
    [InlineData(Who.MemberOfAnotherGroup)]
    [InlineData(Who.LeaderOfAnotherGroup)]
    [InlineData(Who.LeaderOfThisGroup)]
    [InlineData(Who.Hq)]
    public async Task Attendees_api_shows_names_only_to_this_groups_leaders_not_hq(Who who)
    {
        var api = await app.ApiClientAsync(await EmailOf(who));
        var response = await api.GetAsync($"/api/v1/runs/{runId}/attendees");
        var body = await response.Content.ReadAsStringAsync();
        if (SeesNames(who))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, "attendee lists are never cached");
            var me = JsonDocument.Parse(body).RootElement.EnumerateArray().Single(a => a.GetProperty("nickname").GetString() == Nick);
            Assert.True(me.GetProperty("firstTime").GetBoolean());
            Assert.DoesNotContain("@example", body); // nicknames only, never emails
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(Nick, body);
        }
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_whos_coming()
    {
        var response = await app.Browser().GetAsync($"/runs/{runId}/whos-coming");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Who.MemberOfThisGroup)]
    [InlineData(Who.MemberOfAnotherGroup)]
    [InlineData(Who.LeaderOfAnotherGroup)]
    [InlineData(Who.LeaderOfThisGroup)]
    [InlineData(Who.Hq)]
    public async Task Whos_coming_page_shows_names_only_to_this_groups_leaders_not_hq(Who who)
    {
        var browser = await app.SignedInAsync(await EmailOf(who));
        var response = await browser.GetAsync($"/runs/{runId}/whos-coming");
        var html = await response.Content.ReadAsStringAsync();
        if (SeesNames(who))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, "attendee lists are never cached");
            var row = Pages.Parse(html).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Nick));
            Assert.Contains("First time", row.TextContent);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Only the group's own leaders can see who is coming", Pages.Parse(html).Body!.TextContent);
            Assert.DoesNotContain(Nick, html);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Who.MemberOfThisGroup)]
    [InlineData(Who.MemberOfAnotherGroup)]
    [InlineData(Who.LeaderOfAnotherGroup)]
    public async Task Everyone_else_sees_a_count_on_the_run_page_and_no_names(Who? who)
    {
        var browser = who is null ? app.Browser() : await app.SignedInAsync(await EmailOf(who.Value));
        var doc = await browser.GetPageAsync($"/runs/{runId}");
        Assert.Matches(@"\d+ (people are|person is) coming", doc.Text("#going-count"));
        Assert.DoesNotContain(Nick, doc.DocumentElement.OuterHtml);
        Assert.Null(doc.QuerySelector($"a[href='/runs/{runId}/whos-coming']"));
        var groupPage = await browser.GetPageAsync("/groups/peterborough");
        Assert.DoesNotContain(Nick, groupPage.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task The_member_sees_their_own_rsvp_on_the_run_page_and_in_my_runs()
    {
        var browser = await app.SignedInAsync(attendeeEmail);
        var run = await browser.GetPageAsync($"/runs/{runId}");
        Assert.Contains("You're coming – it's your first time", run.Text("main"));
        var mine = await browser.GetPageAsync("/my-runs");
        Assert.NotNull(mine.QuerySelector($"a[href='/runs/{runId}']"));
    }

    [Fact]
    public async Task Every_read_of_the_list_by_a_leader_is_audit_logged()
    {
        var leaderId = await app.MemberIdAsync(DemoCommunity.LeaderEmail("peterborough"));
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == leaderId && a.Subject == $"run:{runId}"));
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail("peterborough"));
        await api.GetAsync($"/api/v1/runs/{runId}/attendees");
        var browser = await app.SignedInAsync(DemoCommunity.LeaderEmail("peterborough"));
        await browser.GetPageAsync($"/runs/{runId}/whos-coming");
        var after = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == leaderId && a.Subject == $"run:{runId}" && a.Action == "read-attendees"));
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task A_refused_read_is_not_shown_and_leaves_no_audit_entry_as_a_read()
    {
        var email = await app.NewMemberAsync("Curious", "peterborough");
        var id = await app.MemberIdAsync(email);
        var api = await app.ApiClientAsync(email);
        await api.GetAsync($"/api/v1/runs/{runId}/attendees");
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == id)));
    }
}
