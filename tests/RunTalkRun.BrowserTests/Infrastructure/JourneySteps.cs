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
        await page.GetByLabel("6-digit code", new() { Exact = true }).FillAsync(await UnusedCodeAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    static readonly Dictionary<string, long> LastStepUsed = [];

    /// <summary>
    /// A code the app shows for <paramref name="key"/> that these tests have not typed yet: the app takes each code once
    /// (and up to two 30-second steps ahead), so a second sign-in soon after the first uses the next code, waiting for
    /// it when the ones ahead are used up, as a person would.
    /// </summary>
    public static async Task<string> UnusedCodeAsync(string key)
    {
        long step;
        lock (LastStepUsed)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            step = Math.Max(now, LastStepUsed.GetValueOrDefault(key, long.MinValue) + 1);
            LastStepUsed[key] = step;
        }
        var usableFrom = DateTimeOffset.FromUnixTimeSeconds((step - 2) * 30);
        if (usableFrom > DateTimeOffset.UtcNow) await Task.Delay(usableFrom - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        return RunTalkRun.Tests.Infrastructure.Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
    }

    /// <summary>A new person signs up on the page, is asked to check their email, signs in, and lands on "Find a run".</summary>
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
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await page.GetByRole(AriaRole.Link, new() { Name = "sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/groups$"));
        return page;
    }
}
