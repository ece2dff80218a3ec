using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Features.Accounts;

[Collection(BrowserCollection.Name)]
public class SignUpFormTests(BrowserApp app)
{
    [Fact]
    public async Task Empty_sign_up_shows_an_error_summary_linking_to_each_field_and_keeps_what_was_typed()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-up");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync(new Regex("^Error: Create an account"));
        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        var targets = await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#Input_Email", "#Input_Nickname", "#Input_Password", "#Input_AcceptGuidelines", "#Input_ConsentAttendance"], targets);
        foreach (var target in targets) await Expect(page.Locator(target)).ToHaveCountAsync(1);
        // The message is beside each field too.
        await Expect(page.Locator(".field.has-error .field-error")).ToHaveCountAsync(5);
        await Expect(page.Locator("#Input_Nickname-error")).ToContainTextAsync("Enter a nickname");
        await page.CheckPageAsync("14-sign-up-errors");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter a nickname. A first name is fine." }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#Input_Nickname$"));
        await Expect(page.Locator("#Input_Nickname")).ToBeInViewportAsync();

        var email = $"kept.{Guid.NewGuid():N}@example.net";
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Nickname", new() { Exact = true }).FillAsync("Robin");
        await page.GetByLabel("I agree to follow the community guidelines").CheckAsync();
        await page.GetByLabel("I agree that Run Talk Run may use which runs I'm going to").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await Expect(summary.Locator("a")).ToHaveCountAsync(1);
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter a password." })).ToHaveAttributeAsync("href", "#Input_Password");
        await Expect(page.GetByLabel("Email address", new() { Exact = true })).ToHaveValueAsync(email);
        await Expect(page.GetByLabel("Nickname", new() { Exact = true })).ToHaveValueAsync("Robin");
        await Expect(page.GetByLabel("I agree to follow the community guidelines")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("I agree that Run Talk Run may use which runs I'm going to")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await page.CheckPageAsync("15-sign-up-password-missing");
    }
}
