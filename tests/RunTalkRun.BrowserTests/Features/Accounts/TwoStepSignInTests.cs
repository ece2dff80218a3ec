using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Features.Accounts;

/// <summary>Two-step sign-in in a real browser: the QR code shows, the key goes into an "app", the codes work; every page passes axe.</summary>
[Collection(BrowserCollection.Name)]
public class TwoStepSignInTests(BrowserApp app)
{
    [Fact]
    public async Task A_member_sets_up_two_step_sign_in_and_signs_in_with_a_code()
    {
        await using var context = await app.NewContextAsync();
        var email = $"twostep{Guid.NewGuid():N}@example.net";
        var page = await JourneySteps.SignUpAsync(context, email, "Sasha");

        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Set up two-step sign-in");
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code for adding Run Talk Run to an authenticator app" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "the QR code did not load (the CSP allows data: images)");
        await page.CheckPageAsync("70-two-step-set-up");

        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "");
        await page.GetByLabel("6-digit code", new() { Exact = true }).FillAsync("000000" == Totp.Code(key) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: Set up two-step sign-in"));
        await Expect(page.Locator("#Input_Code-error")).ToContainTextAsync("That code is not right");
        await page.AxeOnlyAsync("two-step set-up, wrong code");

        await page.GetByLabel("6-digit code", new() { Exact = true }).FillAsync(await JourneySteps.UnusedCodeAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Save your recovery codes");
        await Expect(page.Locator("ul.recovery-codes li")).ToHaveCountAsync(10);
        await page.CheckPageAsync("71-two-step-recovery-codes");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(JourneySteps.NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in/two-factor$"));
        await page.CheckPageAsync("72-two-step-code");
        await page.GetByRole(AriaRole.Link, new() { Name = "use a recovery code instead" }).ClickAsync();
        await page.AxeOnlyAsync("recovery code");
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a code from my authenticator app instead" }).ClickAsync();
        await JourneySteps.EnterTwoStepCodeAsync(page, key);
        await Expect(page).ToHaveURLAsync(new Regex("/my-runs$"));

        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-step sign-in");
        await page.AxeOnlyAsync("two-step settings");
    }

    [Fact]
    public async Task A_demo_hq_account_signs_in_with_the_demo_key()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(DemoCommunity.SafeguardingEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await JourneySteps.EnterTwoStepCodeAsync(page, DemoCommunity.HqAuthenticatorKey);
        await Expect(page).ToHaveURLAsync(new Regex("/my-runs$"));
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
