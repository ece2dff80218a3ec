using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// "Is there a run near me, and when?" asked from Peterborough, Los Angeles and Brisbane: the nearest
/// group comes first with its next run in its own local time, on the map and in the list, and its
/// calendar feed says the same to a real iCalendar parser.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FindARunJourneyTests(BrowserApp app)
{
    // A plain 1×1 tile: these machines can't reach a tile server, so the test stands in for one.
    static readonly byte[] PlainTile = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8+fPnfwAJnAPhBB2ZfwAAAABJRU5ErkJggg==");

    [Theory]
    [InlineData("PE1 1AA", "peterborough", "Peterborough", "UK time", "Wednesday", "18:30", "Europe/London", "25-find-from-peterborough")]
    [InlineData("Los Angeles", "los-angeles", "Los Angeles", "Los Angeles time", "Saturday", "8:00am", "America/Los_Angeles", "26-find-from-los-angeles")]
    [InlineData("Brisbane", "brisbane", "Brisbane", "Brisbane time", "Sunday", "06:30", "Australia/Brisbane", "27-find-from-brisbane")]
    public async Task The_nearest_group_and_its_next_run_come_first_in_local_time_on_the_map_the_list_and_the_calendar(
        string search, string slug, string groupName, string zoneName, string day, string time, string zone, string screenshot)
    // time: as the page shows it in that country (18:30 in the UK and Australia, 8:00am in the US).
    {
        await using var context = await app.NewContextAsync();
        var tileRequests = 0;
        await context.RouteAsync("https://tile.openstreetmap.org/**", route =>
        {
            Interlocked.Increment(ref tileRequests);
            return route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = PlainTile });
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/groups");
        await page.GetByLabel("Town, city or UK postcode").FillAsync(search);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        var first = page.Locator("main .cards .card").First;
        await Expect(first.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/groups/{slug}");
        await Expect(first.GetByRole(AriaRole.Link)).ToHaveTextAsync(groupName);
        await Expect(first).ToContainTextAsync("Next run:");
        await Expect(first).ToContainTextAsync(new Regex($"{day} .*{time} \\({zoneName}\\)"));

        // The map: drawn by Leaflet, with the tiles the configuration names and a marker per group.
        var map = page.Locator(".map.leaflet-container");
        await Expect(map).ToBeVisibleAsync();
        await Expect(page.Locator(".leaflet-overlay-pane canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator(".leaflet-tile-loaded").First).ToBeVisibleAsync();
        Assert.True(tileRequests > 0, "the tile layer asked the configured tile server");
        await page.CheckPageAsync(screenshot);

        // The calendar feed agrees, read by ical.js: the next run at the same local time, in the group's zone.
        var feed = await context.APIRequest.GetAsync($"/groups/{slug}/calendar.ics");
        Assert.Equal(200, feed.Status);
        var calendar = await IcalJs.ParseAsync(await feed.TextAsync());
        var events = calendar.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("status").GetString() != "CANCELLED").ToList();
        Assert.NotEmpty(events);
        var next = events.OrderBy(e => e.GetProperty("startUtc").GetString()).First(e => DateTime.Parse(e.GetProperty("startUtc").GetString()!).ToUniversalTime() > DateTime.UtcNow);
        Assert.Equal(zone, next.GetProperty("tzid").GetString());
        var local = DateTime.Parse(next.GetProperty("startLocal").GetString()!);
        Assert.Equal(time, time.EndsWith("am") || time.EndsWith("pm") ? local.ToString("h:mmtt", System.Globalization.CultureInfo.InvariantCulture).ToLowerInvariant() : local.ToString("HH:mm"));
    }

    [Fact]
    public async Task Without_script_the_find_page_is_a_complete_list()
    {
        await using var context = await app.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/groups?q=Peterborough");
        await Expect(page.Locator(".map")).ToBeHiddenAsync();
        await Expect(page.Locator("main .cards .card").First.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/groups/peterborough");
        await page.ScreenshotOnlyAsync("28-find-without-script"); // axe is a script: it checks this page in the test above
    }
}
