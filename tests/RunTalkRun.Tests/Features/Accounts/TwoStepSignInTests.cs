using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Accounts.TwoStepSteps;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>Two-step sign-in on the pages: setting it up, the second step, recovery codes, lockout, turning it off.</summary>
public class TwoStepSignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void The_tests_authenticator_matches_the_rfc_6238_test_vector()
    {
        // RFC 6238 appendix B, SHA-1: the key "12345678901234567890", T = 59 s gives 94287082 (the last 6 digits).
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("005924", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(1234567890)));
    }

    [Fact]
    public async Task A_leader_is_invited_sets_it_up_and_then_signs_in_with_a_code()
    {
        var email = await app.NewMemberAsync("Lee", "brighton", GroupRole.Leader);
        var browser = app.Browser();
        Assert.Equal("/my-runs", await PasswordStepAsync(browser, email));
        // Invited, on the page after signing in and on the email settings.
        var landing = await browser.GetPageAsync("/my-runs");
        Assert.Contains("two-step sign-in keeps it safe", landing.Text(".notice"));
        Assert.Equal("/account/two-factor", landing.QuerySelector(".notice a")!.GetAttribute("href"));
        Assert.Contains("Keep your account safe with two-step sign-in", (await browser.GetPageAsync("/account/emails")).Text(".invite h2"));

        Assert.True((await browser.GetAsync("/account/two-factor")).Headers.CacheControl?.NoStore, "the key must stay out of caches");
        var setup = await browser.GetPageAsync("/account/two-factor");
        var shownKey = setup.Text("#authenticator-key");
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{4}$", shownKey);
        Assert.Equal(shownKey.Replace(" ", ""), await KeyAsync(email));
        Assert.StartsWith("data:image/svg+xml;base64,", setup.QuerySelector("img.qr-code")!.GetAttribute("src"));
        var svg = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(setup.QuerySelector("img.qr-code")!.GetAttribute("src")!.Split(',')[1]));
        Assert.StartsWith("<svg", svg);

        // A wrong code: the message beside the field, what was typed kept, still off.
        var wrong = WrongCode(shownKey.Replace(" ", ""));
        var refused = Pages.Parse(await (await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = wrong })).Content.ReadAsStringAsync());
        Assert.Contains("That code is not right", refused.Text("#Input_Code-error"));
        Assert.Equal("#Input_Code", refused.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(wrong, refused.QuerySelector("#Input_Code")!.GetAttribute("value"));
        Assert.False(await IsOnAsync(email));

        var (key, codes) = await SetUpAsync(browser);
        Assert.Equal(10, codes.Length);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await IsOnAsync(email));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-runs")).StatusCode); // still signed in
        Assert.Null((await browser.GetPageAsync("/account/emails")).QuerySelector(".invite"));
        Assert.Contains("10 recovery codes left", (await browser.GetPageAsync("/account/two-factor")).Text("main"));

        await SignOutAsync(browser);
        Assert.Equal("/account/sign-in/two-factor", await PasswordStepAsync(browser, email));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode); // not signed in yet
        var done = await CodeStepAsync(browser, Totp.Code(key, await app.UnusedTimeAsync(email))); // the code after the one that set it up
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/my-runs", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-runs")).StatusCode);
    }

    [Fact]
    public async Task The_second_step_keeps_where_the_member_was_going()
    {
        var email = await app.NewMemberAsync();
        await app.TurnOnTwoStepAsync(email);
        var browser = app.Browser();
        var first = await browser.PostFormAsync("/account/sign-in?returnUrl=%2Faccount%2Femails", SignInForm(email));
        Assert.Equal("/account/sign-in/two-factor?returnUrl=%2Faccount%2Femails", first.Headers.Location!.OriginalString);
        var second = await browser.PostFormAsync(first.Headers.Location.OriginalString, new Dictionary<string, string> { ["Input.Code"] = (await app.CodeAsync(email))! });
        Assert.Equal("/account/emails", second.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Wrong_codes_are_refused_and_count_toward_lockout()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var browser = app.Browser();
        await PasswordStepAsync(browser, email);
        var empty = Pages.Parse(await (await CodeStepAsync(browser, "")).Content.ReadAsStringAsync());
        Assert.Contains("Enter the 6-digit code", empty.Text("#Input_Code-error"));
        var letters = Pages.Parse(await (await CodeStepAsync(browser, "12ab56")).Content.ReadAsStringAsync());
        Assert.Contains("6 numbers", letters.Text("#Input_Code-error"));
        Assert.Equal(0, await FailedCountAsync(email)); // a code in the wrong shape is not a guess

        var wrong = WrongCode(key);
        for (var i = 1; i <= 4; i++)
        {
            var page = Pages.Parse(await (await CodeStepAsync(browser, wrong)).Content.ReadAsStringAsync());
            Assert.Contains("That code is not right", page.Text("#Input_Code-error"));
            Assert.Equal(wrong, page.QuerySelector("#Input_Code")!.GetAttribute("value"));
            Assert.Equal(i, await FailedCountAsync(email));
        }
        var fifth = Pages.Parse(await (await CodeStepAsync(browser, wrong)).Content.ReadAsStringAsync());
        Assert.Contains("too many attempts", fifth.Text("#Input_Code-error"));
        // Locked: the right code doesn't get in now, on the page or through the API.
        var right = Pages.Parse(await (await CodeStepAsync(browser, Totp.Code(key))).Content.ReadAsStringAsync());
        Assert.Contains("too many attempts", right.Text("#Input_Code-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_a_wrong_one_counts_toward_lockout()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var (_, codes) = await SetUpAsync(browser);
        await SignOutAsync(browser);

        await PasswordStepAsync(browser, email);
        var twoFactorPage = await browser.GetPageAsync("/account/sign-in/two-factor");
        Assert.Equal("/account/sign-in/recovery-code", twoFactorPage.QuerySelector("main a[href^='/account/sign-in/recovery-code']")!.GetAttribute("href"));
        var wrong = Pages.Parse(await (await RecoveryStepAsync(browser, "AAAAA-BBBBB")).Content.ReadAsStringAsync());
        Assert.Contains("not right, or it has been used already", wrong.Text("#Input_Code-error"));
        Assert.Equal(1, await FailedCountAsync(email));
        // Typed in lower case without the dash, it still counts as the code.
        var used = await RecoveryStepAsync(browser, codes[0].Replace("-", "").ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("9 left", (await browser.GetPageAsync("/my-runs")).Text(".notice"));
        Assert.Equal(0, await FailedCountAsync(email));

        await SignOutAsync(browser);
        await PasswordStepAsync(browser, email);
        var again = Pages.Parse(await (await RecoveryStepAsync(browser, codes[0])).Content.ReadAsStringAsync());
        Assert.Contains("not right, or it has been used already", again.Text("#Input_Code-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryStepAsync(browser, codes[1])).StatusCode);
    }

    [Fact]
    public async Task Without_the_password_step_the_code_pages_say_to_sign_in_again()
    {
        foreach (var url in new[] { "/account/sign-in/two-factor", "/account/sign-in/recovery-code" })
        {
            var browser = app.Browser();
            Assert.Contains("Sign in again", (await browser.GetPageAsync(url)).Text("main .button"));
            // The page has no form then: a token from the sign-in page's form gets past antiforgery.
            var token = (await browser.GetPageAsync("/account/sign-in")).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var tried = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Code"] = "123456" }));
            Assert.Contains("Sign in again", Pages.Parse(await tried.Content.ReadAsStringAsync()).Text("main .button"));
        }
    }

    [Fact]
    public async Task Turning_it_off_or_making_new_recovery_codes_needs_a_current_code()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var (key, oldCodes) = await SetUpAsync(browser);

        var refused = Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "Disable", "Off.Code", WrongCode(key))).Content.ReadAsStringAsync());
        Assert.Contains("That code is not right", refused.Text("#Off_Code-error"));
        Assert.True(await IsOnAsync(email));
        var blank = Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "RecoveryCodes", "Renew.Code", " ")).Content.ReadAsStringAsync());
        Assert.Contains("Enter a code", blank.Text("#Renew_Code-error"));

        var renewed = Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "RecoveryCodes", "Renew.Code", Totp.Code(key, await app.UnusedTimeAsync(email)))).Content.ReadAsStringAsync());
        var newCodes = RecoveryCodes(renewed);
        Assert.Equal(10, newCodes.Length);
        Assert.Empty(newCodes.Intersect(oldCodes));

        // An old recovery code no longer turns it off; a new one does, and signing in is the password alone again.
        Assert.Contains("not right", Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "Disable", "Off.Code", oldCodes[0])).Content.ReadAsStringAsync()).Text("#Off_Code-error"));
        var off = await PostOnTwoFactorPageAsync(browser, "Disable", "Off.Code", newCodes[0]);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await IsOnAsync(email));
        Assert.NotEqual(key, await KeyAsync(email)); // the old key stops working
        Assert.Contains("Two-step sign-in is off", (await browser.GetPageAsync("/account/two-factor")).Text(".notice"));
        await SignOutAsync(browser);
        Assert.Equal("/my-runs", await PasswordStepAsync(browser, email));
    }

    async Task<string> KeyAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }

    Task<bool> IsOnAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    Task<int> FailedCountAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount).SingleAsync());
}
