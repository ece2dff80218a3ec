using System.Net;
using System.Net.Http.Json;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

public class SignInTests(AppFactory app) : IClassFixture<AppFactory>
{
    static Dictionary<string, string> Form(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task A_demo_member_signs_in_and_out()
    {
        var browser = await app.SignedInAsync(DemoCommunity.MemberEmail(3));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/my-runs")).StatusCode);
        var signOut = await browser.PostFormAsync("/my-runs", new Dictionary<string, string>(), formSelector: "header form");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/my-runs")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_plain_message_and_keeps_the_email()
    {
        var response = await app.Browser().PostFormAsync("/account/sign-in", Form(DemoCommunity.MemberEmail(4), "not the password"));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("email address or password is not right", page.Text(".error-summary"));
        Assert.Equal(DemoCommunity.MemberEmail(4), page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Empty_sign_in_says_what_to_fill_in()
    {
        var response = await app.Browser().PostFormAsync("/account/sign-in", Form("", ""));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter your email address", page.Text("#Input_Email-error"));
        Assert.Contains("Enter your password", page.Text("#Input_Password-error"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_with_the_right_one()
    {
        var email = await app.NewMemberAsync();
        for (var i = 0; i < 5; i++)
            await app.Browser().PostFormAsync("/account/sign-in", Form(email, $"wrong password {i}"));
        var response = await app.Browser().PostFormAsync("/account/sign-in", Form(email, DemoCommunity.Password));
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("too many attempts", page.Text(".error-summary"));
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password });
        Assert.Equal((HttpStatusCode)429, api.StatusCode);
        await api.ProblemAsync();
    }

    [Fact]
    public async Task Sign_in_only_returns_to_local_addresses()
    {
        var client = app.Browser();
        var response = await client.PostFormAsync("/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F",
            new Dictionary<string, string> { ["Input.Email"] = DemoCommunity.MemberEmail(5), ["Input.Password"] = DemoCommunity.Password, ["ReturnUrl"] = "https://evil.example/" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my-runs", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"\", \"password\": \"\"}")]
    public async Task Api_login_without_credentials_is_a_validation_problem(string body)
    {
        var response = await app.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Api_login_with_a_wrong_password_is_401_problem_details()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = DemoCommunity.MemberEmail(6), password = "nope nope nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task Api_refresh_token_gives_a_new_access_token_and_a_forged_one_gives_401()
    {
        var client = app.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoCommunity.MemberEmail(7), password = DemoCommunity.Password }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refresh.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()));
        var forged = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }
}
