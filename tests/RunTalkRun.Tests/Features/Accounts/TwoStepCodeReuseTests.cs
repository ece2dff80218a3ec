using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Accounts.TwoStepSteps;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>A code from the authenticator app works once: not a second time, on the page, through the API or in the settings, nor twice at once.</summary>
public class TwoStepCodeReuseTests(AppFactory app) : IClassFixture<AppFactory>
{
    Task<HttpResponseMessage> LoginAsync(string email, string code) =>
        app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") })
            .PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password, twoFactorCode = code });

    Task<int> FailedCountAsync(string email) => app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount).SingleAsync());

    [Fact]
    public async Task A_code_that_signed_in_on_the_page_does_not_sign_in_again()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var code = Totp.Code(key);

        var first = app.Browser();
        await PasswordStepAsync(first, email);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(first, code)).StatusCode);

        var second = app.Browser();
        Assert.Equal("/account/sign-in/two-factor", await PasswordStepAsync(second, email));
        var refused = Pages.Parse(await (await CodeStepAsync(second, code)).Content.ReadAsStringAsync());
        Assert.Contains("That code is not right", refused.Text("#Input_Code-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/my-runs")).StatusCode); // not signed in
        Assert.Equal(1, await FailedCountAsync(email)); // counts toward the lockout like any wrong code

        // Through the API, the same code is refused too.
        var api = await LoginAsync(email, code);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(AuthApi.TwoFactorCodeWrongType, (await api.ProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(2, await FailedCountAsync(email));
    }

    [Fact]
    public async Task A_code_that_logged_in_through_the_api_does_not_log_in_again_or_on_the_page()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var code = Totp.Code(key);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, code)).StatusCode);

        var again = await LoginAsync(email, code);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(AuthApi.TwoFactorCodeWrongType, (await again.ProblemAsync()).GetProperty("type").GetString());

        var browser = app.Browser();
        await PasswordStepAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(browser, code)).StatusCode); // the form again, with the error
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode);
    }

    [Fact]
    public async Task A_code_used_to_sign_in_does_not_turn_two_step_off_or_make_new_recovery_codes()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var code = Totp.Code(key);
        var browser = app.Browser();
        await PasswordStepAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(browser, code)).StatusCode);

        var renew = Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "RecoveryCodes", "Renew.Code", code)).Content.ReadAsStringAsync());
        Assert.Contains("That code is not right", renew.Text("#Renew_Code-error"));
        Assert.Empty(RecoveryCodes(renew));
        var off = Pages.Parse(await (await PostOnTwoFactorPageAsync(browser, "Disable", "Off.Code", code)).Content.ReadAsStringAsync());
        Assert.Contains("That code is not right", off.Text("#Off_Code-error"));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // The next code from the app does it.
        var next = Totp.Code(key, await app.UnusedTimeAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await PostOnTwoFactorPageAsync(browser, "Disable", "Off.Code", next)).StatusCode);
    }

    [Fact]
    public async Task An_older_code_is_refused_once_a_newer_one_was_used()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(-30)))).StatusCode);
    }

    [Fact]
    public async Task The_same_code_sent_several_times_at_once_logs_in_once()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var code = Totp.Code(key);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => LoginAsync(email, code)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.True(a.StatusCode is HttpStatusCode.Unauthorized or (HttpStatusCode)429, $"{a.StatusCode}"));
    }
}
