using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>Someone looking around before deciding: no account, in another country, needing help.</summary>
[Collection(BrowserCollection.Name)]
public class VisitorJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Visitor_finds_a_run_in_Brisbane_without_an_account_and_help_is_for_Australia()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("Find a run near you").FillAsync("Brisbane");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a run" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/groups\?q=Brisbane$"));
        await page.CheckPageAsync("16-search-brisbane");

        await page.GetByRole(AriaRole.Link, new() { Name = "Brisbane", Exact = true }).ClickAsync();
        await Expect(page.Locator(".crisis-bar")).ToContainTextAsync("Lifeline 13 11 14");
        await Expect(page.Locator(".crisis-bar")).ToContainTextAsync("Emergency 000");
        await page.CheckPageAsync("17-group-brisbane");

        await page.Locator("main .cards .card").Filter(new() { HasNotText = "Cancelled" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/runs/\d+$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "create an account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "I'm coming" })).ToHaveCountAsync(0);
        await page.CheckPageAsync("18-run-signed-out");

        await page.GetByRole(AriaRole.Link, new() { Name = "More ways to get help" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/help\?country=AU$"));
        await Expect(page.Locator("#here-title")).ToHaveTextAsync("Australia");
        await page.CheckPageAsync("19-help");

        await page.GotoAsync("/groups");
        await Expect(page.Locator("main .card")).ToHaveCountAsync(8);
        await page.CheckPageAsync("20-all-groups");

        var missing = await page.GotoAsync("/groups/atlantis");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await page.CheckPageAsync("21-not-found");

        // Filters, without any script: morning runs near Brisbane, and virtual runs too.
        await page.GotoAsync("/groups?q=Brisbane");
        await page.GetByText("Filter runs").ClickAsync();
        await page.GetByLabel("Time of day").SelectOptionAsync("morning");
        await page.GetByLabel("Also show virtual runs you can join from anywhere").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Virtual runs" })).ToBeVisibleAsync();
        await Expect(page.Locator("main .card h3 a[href='/groups/brisbane']")).ToHaveCountAsync(1);
        await page.CheckPageAsync("24-find-with-filters");
    }
}
