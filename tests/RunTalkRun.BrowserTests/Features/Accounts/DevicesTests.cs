using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Features.Accounts;

/// <summary>
/// A member signed in on a laptop and a phone opens "Where you're signed in" on the phone, sees both (the phone
/// marked "this one"), and signs out everywhere else: the laptop is signed out at its next page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DevicesTests(BrowserApp app)
{
    static async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my-runs$"));
        return page;
    }

    [Fact]
    public async Task A_member_sees_where_they_are_signed_in_and_signs_out_everywhere_else()
    {
        var email = DemoCommunity.MemberEmail(14);
        await using var laptopContext = await app.NewContextAsync();
        var laptop = await SignInAsync(laptopContext, email);
        await using var phoneContext = await app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var phone = await SignInAsync(phoneContext, email);

        await phone.GotoAsync("/account");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Where you're signed in" }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/account/devices$"));
        var rows = phone.Locator("#devices tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(phone.Locator("#devices tr.this-device")).ToContainTextAsync("(this one)");
        await phone.CheckPageAsync("95-where-youre-signed-in");

        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
        await Expect(phone.Locator("main .notice")).ToContainTextAsync("You're signed out everywhere else.");
        await Expect(rows).ToHaveCountAsync(1);

        await laptop.GotoAsync("/account");
        await Expect(laptop).ToHaveURLAsync(new Regex("/account/sign-in"));
    }
}
