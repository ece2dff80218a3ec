using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class ManageRunPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "brighton";

    async Task<Run> Reload(int id) => await app.WithDbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_leader_cancels_a_run_with_a_reason_and_can_put_it_back()
    {
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var run = await app.NextRunAsync(Slug, skip: 4);
        var runPage = await leader.GetPageAsync($"/runs/{run.Id}");
        Assert.NotNull(runPage.QuerySelector($"a[href='/runs/{run.Id}/manage']"));

        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string> { ["Cancel.Reason"] = "Storm warning on the seafront" }, formSelector: "form[action*='Cancel']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Reload(run.Id);
        Assert.Equal(RunStatus.Cancelled, after.Status);
        Assert.Equal("Storm warning on the seafront", after.CancelReason);

        await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string>(), formSelector: "form[action*='Reinstate']");
        Assert.Equal(RunStatus.Scheduled, (await Reload(run.Id)).Status);
    }

    [Fact]
    public async Task Cancelling_without_a_reason_says_what_to_fix_and_changes_nothing()
    {
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var run = await app.NextRunAsync(Slug, skip: 5);
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string> { ["Cancel.Reason"] = "" }, formSelector: "form[action*='Cancel']");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#Cancel_Reason", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Contains("Say why", page.Text("#Cancel_Reason-error"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("#Input_Date")!.GetAttribute("value")), "the other form keeps the run's date");
        Assert.Equal(RunStatus.Scheduled, (await Reload(run.Id)).Status);
    }

    [Fact]
    public async Task Moving_a_run_to_a_time_that_does_not_exist_keeps_what_was_typed()
    {
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var run = await app.NextRunAsync(Slug, skip: 3);
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string>
        {
            ["Input.Date"] = "2027-03-28", ["Input.Time"] = "01:30", ["Input.Capacity"] = "eight",
        }, formSelector: "form[action*='Change']");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("whole number", page.Text("#Input_Capacity-error"));
        Assert.Equal("eight", page.QuerySelector("#Input_Capacity")!.GetAttribute("value"));

        response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string>
        {
            ["Input.Date"] = "2027-03-28", ["Input.Time"] = "01:30", ["Input.Capacity"] = "",
        }, formSelector: "form[action*='Change']");
        page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("doesn't exist", page.Text("#Input_Date-error"));
        Assert.Equal("2027-03-28", page.QuerySelector("#Input_Date")!.GetAttribute("value"));
        Assert.Equal(run.StartsAt, (await Reload(run.Id)).StartsAt);
    }

    [Fact]
    public async Task A_leader_moves_a_run_and_sets_a_cap()
    {
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var run = await app.NextRunAsync(Slug, skip: 2);
        var local = run.LocalStart(DateTimeZoneProviders.Tzdb["Europe/London"]).Date.PlusDays(1);
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string>
        {
            ["Input.Date"] = local.ToString("uuuu-MM-dd", null), ["Input.Time"] = "07:45", ["Input.Capacity"] = "8",
        }, formSelector: "form[action*='Change']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Reload(run.Id);
        Assert.Equal(8, after.Capacity);
        Assert.Equal(new LocalTime(7, 45), after.LocalStart(DateTimeZoneProviders.Tzdb["Europe/London"]).TimeOfDay);
    }

    [Fact]
    public async Task The_caps_help_says_what_is_true_leaders_on_the_roster_are_not_counted()
    {
        var email = DemoCommunity.LeaderEmail(Slug);
        var leader = await app.SignedInAsync(email);
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(6), capacity: 1);
        var leaderId = await app.MemberIdAsync(email);
        await app.WithDbAsync(db =>
        {
            db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = leaderId, AddedAt = app.Clock.GetCurrentInstant() });
            return db.SaveChangesAsync();
        });
        var page = await leader.GetPageAsync($"/runs/{run.Id}/manage");
        Assert.Contains("aren't counted", page.Text("#capacity-hint"));
        Assert.DoesNotContain("you included. Leave", page.Text("#capacity-hint"));

        // A cap of one with a leader on the roster: the one place is still there for someone coming.
        var coming = await (await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug))).PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        Assert.Equal(HttpStatusCode.Created, coming.StatusCode);
        Assert.Equal("going", (await coming.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_groups_leader_cannot_reach_the_page()
    {
        var other = await app.SignedInAsync(DemoCommunity.LeaderEmail("brisbane"));
        var run = await app.NextRunAsync(Slug);
        var response = await other.GetAsync($"/runs/{run.Id}/manage");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This page is for the group's leaders", Pages.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
    }
}
