using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>The journey the whole platform is for: from "is there a run near me?" to the leader knowing to say hello.</summary>
[Collection(BrowserCollection.Name)]
public partial class NewcomerJourneyTests(BrowserApp app)
{
    const string Nickname = "Robin";

    [Fact]
    public async Task Newcomer_signs_up_finds_Peterborough_says_first_time_and_the_leader_sees_them()
    {
        var email = $"robin.{Guid.NewGuid():N}@example.net";
        await using var newcomer = await app.NewContextAsync();
        var page = await newcomer.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Run Talk Run");
        await page.CheckPageAsync("01-home");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-up$"));
        await page.CheckPageAsync("02-sign-up");

        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Nickname", new() { Exact = true }).FillAsync(Nickname);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("gentle loops by the river");
        await page.GetByLabel("I agree to follow the community guidelines").CheckAsync();
        await page.GetByLabel("I agree that Run Talk Run may use which runs I'm going to").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await Expect(page.Locator("main .notice")).ToContainTextAsync(email);
        await page.GetByRole(AriaRole.Link, new() { Name = "sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("gentle loops by the river");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups$"));
        await page.CheckPageAsync("03-signed-up-find-a-run");

        await page.GetByLabel("Town, city or UK postcode").FillAsync("Peterborough");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/groups\?q=Peterborough$"));
        await Expect(page.Locator("#results-title")).ToHaveTextAsync("Runs near Peterborough, England, United Kingdom");
        // The nearest group comes first, with its distance and its next run.
        await Expect(page.Locator("main .card").First).ToContainTextAsync("Peterborough");
        await Expect(page.Locator("main .card").First).ToContainTextAsync("km");
        await page.CheckPageAsync("04-search-peterborough");

        await page.GetByRole(AriaRole.Link, new() { Name = "Peterborough", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups/peterborough$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Peterborough");
        await page.CheckPageAsync("05-group-peterborough");

        await page.Locator("main .cards .card").Filter(new() { HasNotText = "Cancelled" }).First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(RunUrl());
        var runId = int.Parse(RunUrl().Match(page.Url).Groups["id"].Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Are you coming?" })).ToBeVisibleAsync();
        await page.CheckPageAsync("06-run");

        await page.GetByLabel("It's my first time at Run Talk Run").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I'm coming" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/runs/{runId}$"));
        await Expect(page.Locator("main")).ToContainTextAsync("You're coming, and we've let the leaders know it's your first time. See you there!");
        await Expect(page.Locator("main")).ToContainTextAsync("You're coming – it's your first time.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "I can't make it any more" })).ToBeVisibleAsync();
        await page.CheckPageAsync("07-run-im-coming");

        // The same person on their phone.
        await using (var phone = await app.NewContextAsync(new()
        {
            StorageState = await newcomer.StorageStateAsync(),
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        }))
        {
            var small = await phone.NewPageAsync();
            await small.GotoAsync($"/runs/{runId}");
            await Expect(small.Locator("main")).ToContainTextAsync("You're coming – it's your first time.");
            await small.CheckPageAsync("08-run-on-a-phone");
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My runs" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my-runs$"));
        var myRun = page.Locator("main .card").Filter(new() { Has = page.Locator($"a[href='/runs/{runId}']") });
        await Expect(myRun).ToHaveCountAsync(1);
        await Expect(myRun.GetByRole(AriaRole.Link)).ToHaveTextAsync("Peterborough");
        await Expect(myRun).ToContainTextAsync("Your first time");
        await page.CheckPageAsync("09-my-runs");

        // Jennie, Peterborough's leader, on her own device.
        await using var leaderContext = await app.NewContextAsync();
        var leader = await leaderContext.NewPageAsync();
        await leader.GotoAsync("/account/sign-in");
        await leader.CheckPageAsync("10-sign-in");
        await leader.GetByLabel("Email address", new() { Exact = true }).FillAsync(DemoCommunity.LeaderEmail("peterborough"));
        await leader.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex("/my-runs$"));
        await leader.CheckPageAsync("11-leader-my-runs");

        await leader.GotoAsync($"/runs/{runId}");
        await leader.CheckPageAsync("12-run-as-leader");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Who's coming", Exact = true }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{runId}/whos-coming$"));
        var row = leader.Locator("main table tbody tr").Filter(new() { Has = leader.Locator("td:first-child", new() { HasTextRegex = new Regex($"^{Nickname}$") }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("First time");
        await Expect(leader.Locator("#summary")).ToContainTextAsync("first-timer");
        await leader.CheckPageAsync("13-whos-coming");

        // The leader's page to change or cancel the run: a cancellation without a reason is refused kindly.
        await leader.GotoAsync($"/runs/{runId}");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Change or cancel this run" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{runId}/manage$"));
        await leader.CheckPageAsync("22-change-run");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Cancel this run" }).ClickAsync();
        await Expect(leader.Locator(".error-summary")).ToContainTextAsync("Say why the run is cancelled");
        await leader.CheckPageAsync("23-cancel-run-needs-a-reason");
    }

    [GeneratedRegex(@"/runs/(?<id>\d+)$")]
    private static partial Regex RunUrl();
}
