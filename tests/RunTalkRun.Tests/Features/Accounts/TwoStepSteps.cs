using System.Net;
using AngleSharp.Html.Dom;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>Steps the two-step sign-in tests take the way a person would, on the real pages.</summary>
public static class TwoStepSteps
{
    public static Dictionary<string, string> SignInForm(string email, string password = DemoCommunity.Password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    /// <summary>The first step only: email and password. Answers where it sends the browser.</summary>
    public static async Task<string> PasswordStepAsync(HttpClient browser, string email)
    {
        var response = await browser.PostFormAsync("/account/sign-in", SignInForm(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static Task<HttpResponseMessage> CodeStepAsync(HttpClient browser, string code) =>
        browser.PostFormAsync("/account/sign-in/two-factor", new Dictionary<string, string> { ["Input.Code"] = code });

    public static Task<HttpResponseMessage> RecoveryStepAsync(HttpClient browser, string code) =>
        browser.PostFormAsync("/account/sign-in/recovery-code", new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>Sets up two-step sign-in on /account/two-factor as a person would: the key from the page into the "app", its code back. Answers the key and the recovery codes shown.</summary>
    public static async Task<(string Key, string[] RecoveryCodes)> SetUpAsync(HttpClient browser)
    {
        var page = await browser.GetPageAsync("/account/two-factor");
        var key = page.Text("#authenticator-key").Replace(" ", "");
        var response = await browser.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Save your recovery codes", shown.Text("h1"));
        return (key, RecoveryCodes(shown));
    }

    public static string[] RecoveryCodes(IHtmlDocument page) =>
        page.QuerySelectorAll("ul.recovery-codes code").Select(c => c.TextContent.Trim()).ToArray();

    public static Task<HttpResponseMessage> PostOnTwoFactorPageAsync(HttpClient browser, string handler, string field, string code) =>
        browser.PostFormAsync("/account/two-factor", new Dictionary<string, string> { [field] = code }, formSelector: $"main form[action$='handler={handler}']");

    public static async Task SignOutAsync(HttpClient browser) =>
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/sign-out", new Dictionary<string, string>())).StatusCode);

    /// <summary>A well-formed code that is certainly wrong: none the app shows around now (the server allows two steps either side).</summary>
    public static string WrongCode(string key)
    {
        var near = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6")).First(c => !near.Contains(c));
    }
}
