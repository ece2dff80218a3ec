using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>Steps several journeys take the same way, on the real pages.</summary>
public static class JourneySteps
{
    public const string NewPassword = "gentle loops by the river";

    /// <summary>The second step of signing in: the code the authenticator app shows for <paramref name="key"/>.</summary>
    public static async Task EnterTwoStepCodeAsync(IPage page, string key)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in/two-factor"));
        await page.GetByLabel("6-digit code", new() { Exact = true }).FillAsync(RunTalkRun.Tests.Infrastructure.Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A new person signs up on the page and lands, signed in, on "Find a run".</summary>
    public static async Task<IPage> SignUpAsync(IBrowserContext context, string email, string nickname)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Nickname", new() { Exact = true }).FillAsync(nickname);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("I agree to follow the community guidelines").CheckAsync();
        await page.GetByLabel("I agree that Run Talk Run may use which runs I'm going to").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups$"));
        await Expect(page.Locator("main")).ToContainTextAsync($"Welcome, {nickname}.");
        return page;
    }
}
