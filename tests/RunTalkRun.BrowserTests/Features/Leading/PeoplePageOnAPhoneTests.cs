using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Features.Leading;

/// <summary>A group's people page fits a phone: nothing runs off the side, and each role menu shows its whole choice.</summary>
public sealed class PeoplePageOnAPhoneTests : IAsyncLifetime
{
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
    public async Task The_people_page_at_399_pixels_wide_has_no_sideways_scroll_and_role_menus_are_whole()
    {
        // A leader with the longest nickname there can be, in one word.
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var email = $"long{Guid.NewGuid():N}@example.net";
            var member = new Member { UserName = email, Email = email, EmailConfirmed = true, Nickname = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaft"[..Member.NicknameMaxLength], JoinedAt = SystemClock.Instance.GetCurrentInstant() };
            Assert.True((await users.CreateAsync(member, DemoCommunity.Password)).Succeeded);
            var group = await db.Groups.SingleAsync(g => g.Slug == "peterborough");
            db.Memberships.Add(new GroupMembership { GroupId = group.Id, MemberId = member.Id, Role = GroupRole.Leader, JoinedAt = SystemClock.Instance.GetCurrentInstant() });
            await db.SaveChangesAsync();
        }
        await using var context = await BrowserApp.NewContextAsync(browser!, baseAddress, new() { ViewportSize = new ViewportSize { Width = 399, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(DemoCommunity.LeaderEmail("peterborough"));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my-runs$"));

        await page.GotoAsync("/groups/peterborough/people");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("people");
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"The page is {scrollWidth}px wide in a {innerWidth}px window.");

        // Every role menu lies inside the window and is wide enough for its longest choice.
        var menus = page.Locator("main select[name=Role]");
        Assert.True(await menus.CountAsync() > 0);
        foreach (var menu in await menus.AllAsync())
        {
            var box = (await menu.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= innerWidth, $"A role menu runs from {box.X} to {box.X + box.Width} in {innerWidth}px.");
            Assert.True(box.Width >= 100, $"A role menu is only {box.Width}px wide: its choices are cut short.");
        }
    }
}
