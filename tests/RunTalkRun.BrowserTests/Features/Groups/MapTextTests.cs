using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Features.Groups;

/// <summary>What goes into the map (a meeting point's name, a group's next run) is shown as text, never as markup.</summary>
public sealed class MapTextTests : IAsyncLifetime
{
    // An app of its own: the meeting point renamed here must not show up in the other journeys.
    readonly RealPortApp app = new();
    IPlaywright? playwright;
    IBrowser? browser;
    Uri baseAddress = null!;

    public async Task InitializeAsync()
    {
        baseAddress = app.Start();
        playwright = await Playwright.CreateAsync();
        browser = await BrowserApp.LaunchChromiumAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Markup_in_a_meeting_points_name_shows_as_text_in_the_maps_tooltip_and_popup()
    {
        const string name = "<img src=x id=pwn onerror=\"document.title='pwned'\">";
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var group = await db.Groups.SingleAsync(g => g.Slug == "peterborough");
            var point = await db.MeetingPoints.SingleAsync(m => m.GroupId == group.Id);
            point.Name = name;
            await db.SaveChangesAsync();
        }

        await using var context = await BrowserApp.NewContextAsync(browser!, baseAddress);
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.FulfillAsync(new() { Status = 404 }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("/groups/peterborough");

        // The group's one meeting point is drawn at the middle of the map.
        var map = page.Locator("[data-map]");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map.Locator(".leaflet-pane")).Not.ToHaveCountAsync(0);
        await map.ScrollIntoViewIfNeededAsync();
        var box = await map.BoundingBoxAsync() ?? throw new InvalidOperationException("The map has no box.");
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        var tooltip = page.Locator(".leaflet-tooltip");
        await Expect(tooltip).ToHaveTextAsync(name);

        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        var popup = page.Locator(".leaflet-popup-content");
        await Expect(popup).ToContainTextAsync(name);

        await Expect(page.Locator("#pwn")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-map] img:not(.leaflet-tile):not(.leaflet-marker-icon)")).ToHaveCountAsync(0);
        Assert.NotEqual("pwned", await page.TitleAsync());
    }
}
