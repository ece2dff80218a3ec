using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Accounts.TwoStepSteps;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>POST /api/v1/auth/login for an account with two-step sign-in: twoFactorCode or twoFactorRecoveryCode.</summary>
public class TwoStepApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    Task<HttpResponseMessage> LoginAsync(object body) =>
        app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") }).PostAsJsonAsync("/api/v1/auth/login", body);

    [Fact]
    public async Task Without_a_code_the_login_is_401_saying_a_code_is_needed()
    {
        var email = await app.NewMemberAsync();
        await app.TurnOnTwoStepAsync(email);
        var response = await LoginAsync(new { email, password = DemoCommunity.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(AuthApi.TwoFactorRequiredType, problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("twoFactorRequired").GetBoolean());
        Assert.Contains("twoFactorCode", problem.GetProperty("detail").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie")); // the API stays stateless
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == email).Select(u => u.AccessFailedCount))));
    }

    [Fact]
    public async Task With_the_code_the_login_gives_a_token_that_works()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var response = await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorCode = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me/runs")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_is_401_and_counts_toward_lockout_and_a_wrong_password_never_reaches_the_code()
    {
        var email = await app.NewMemberAsync();
        var key = await app.TurnOnTwoStepAsync(email);
        var wrong = await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorCode = WrongCode(key) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(AuthApi.TwoFactorCodeWrongType, (await wrong.ProblemAsync()).GetProperty("type").GetString());
        var badPassword = await LoginAsync(new { email, password = "not the password", twoFactorCode = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.StatusCode);
        Assert.False((await badPassword.ProblemAsync()).TryGetProperty("type", out var type) && type.GetString()!.StartsWith("urn:runtalkrun"));
        for (var i = 0; i < 3; i++) await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorCode = WrongCode(key) });
        var locked = await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorCode = Totp.Code(key) });
        Assert.Equal((HttpStatusCode)429, locked.StatusCode);
        Assert.Equal("Locked out", (await locked.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await app.NewMemberAsync();
        await app.TurnOnTwoStepAsync(email);
        string[] codes;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!.ToArray();
        }
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorRecoveryCode = codes[3] })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorRecoveryCode = codes[3] })).StatusCode);
    }

    [Fact]
    public async Task The_demo_hq_accounts_use_the_documented_demo_key()
    {
        foreach (var email in new[] { DemoCommunity.HqEmail, DemoCommunity.SafeguardingEmail, DemoCommunity.ModeratorEmail })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(new { email, password = DemoCommunity.Password })).StatusCode);
            var response = await LoginAsync(new { email, password = DemoCommunity.Password, twoFactorCode = Totp.Code(DemoCommunity.HqAuthenticatorKey, await app.UnusedTimeAsync(email)) });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
