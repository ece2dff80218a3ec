using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>A group's leader adds a meeting point and a monthly run, and fixes a mistake on the way.</summary>
[Collection(BrowserCollection.Name)]
public class LeaderManagesGroupJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_leader_adds_a_step_free_meeting_point_and_a_monthly_series()
    {
        await using var context = await app.NewContextAsync();
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.FulfillAsync(new() { Status = 404 }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync("leader.brighton@example.org");
        await page.GetByLabel("Password").FillAsync("RunTalkRun-demo-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync("/groups/brighton");
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage this group" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups/brighton/manage$"));
        await page.CheckPageAsync("29-manage-group");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a meeting point" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Hove Lawns café");
        await page.GetByLabel("Where it is: latitude, longitude").FillAsync("-0.1700, 50.8240");
        await page.GetByLabel("Toilets").CheckAsync();
        await page.GetByLabel("Step-free: no steps to reach it").CheckAsync();
        await page.GetByLabel("Buggy friendly: the route suits a buggy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the meeting point" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("latitude (north–south) comes first");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Hove Lawns café");
        await Expect(page.GetByLabel("Buggy friendly: the route suits a buggy")).ToBeCheckedAsync();
        await page.CheckPageAsync("30-meeting-point-mistake");

        await page.GetByLabel("Where it is: latitude, longitude").FillAsync("50.8240, -0.1700");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the meeting point" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("Hove Lawns café is added");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a run series" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("First Saturday chat");
        await page.GetByLabel("Once a month").CheckAsync();
        await page.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("saturday");
        await page.GetByLabel("Week of the month").SelectOptionAsync("1");
        await page.GetByLabel("Start time").FillAsync("09:30");
        await page.GetByLabel("Meeting point").SelectOptionAsync(new SelectOptionValue { Label = "Hove Lawns café" });
        await page.CheckPageAsync("31-new-series");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the series" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToContainTextAsync("\"First Saturday chat\" is set up. The first run is Saturday");
        await Expect(page.Locator("main")).ToContainTextAsync("The first Saturday of the month at 09:30, from Hove Lawns café");
    }
}
