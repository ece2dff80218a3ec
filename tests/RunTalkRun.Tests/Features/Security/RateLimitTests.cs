using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Signing in (page and API together), the two-step code, signing up and password resets are limited per
/// address: 3 tries a minute here (10, 10, 10 and 5 by default). Each test comes from an address of its own.
/// The app sits behind a proxy on the same machine here, named in ForwardedHeaders:KnownProxies.
/// </summary>
public class RateLimitTests(RateLimitTests.LimitedApp app) : IClassFixture<RateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : AppFactory
    {
        public LimitedApp()
        {
            foreach (var policy in new[] { "SignIn", "TwoFactor", "SignUp", "PasswordReset" })
                With($"RateLimits:{policy}:PermitLimit", "3").With($"RateLimits:{policy}:WindowSeconds", "60");
            With("ForwardedHeaders:KnownProxies", "127.0.0.1");
        }
    }

    static int last;
    /// <summary>A browser at an address of its own (the test server's stand-in for the connection's address).</summary>
    HttpClient BrowserAt(out string address)
    {
        address = $"203.0.113.{Interlocked.Increment(ref last)}";
        var client = app.Browser();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, address);
        return client;
    }

    static async Task AssertFriendlyTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Too many tries from here", page.Text("h1"));
        Assert.Contains("Wait a minute and try again.", page.Text("main"));
    }

    static Dictionary<string, string> SignIn(string email) => new() { ["Input.Email"] = email, ["Input.Password"] = "not the password" };

    [Fact]
    public async Task Sign_in_through_the_page_and_the_api_share_one_limit_per_address()
    {
        var browser = BrowserAt(out var address);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/sign-in", SignIn("nobody@example.net"))).StatusCode);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add(AppFactory.PeerHeader, address);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.net", password = "x" })).StatusCode);

        await AssertFriendlyTooManyAsync(await browser.PostFormAsync("/account/sign-in", SignIn(DemoCommunity.MemberEmail(11))));
        var refused = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoCommunity.MemberEmail(11), password = DemoCommunity.Password });
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.ProblemAsync();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("Too many tries from here", problem.GetProperty("detail").GetString());
        // Reading the form is never limited, and the refused tries never reached the account.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/sign-in")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoCommunity.MemberEmail(11)).Select(u => u.AccessFailedCount).SingleAsync()));
        // Another address is not held up.
        Assert.Equal(HttpStatusCode.OK, (await BrowserAt(out _).PostFormAsync("/account/sign-in", SignIn("nobody@example.net"))).StatusCode);
    }

    [Fact]
    public async Task Sign_up_is_limited_and_a_refused_sign_up_makes_no_account()
    {
        var browser = BrowserAt(out _);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/sign-up", new Dictionary<string, string>())).StatusCode);
        var email = $"new{Guid.NewGuid():N}@example.net";
        var refused = await browser.PostFormAsync("/account/sign-up", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Nickname"] = "Kit", ["Input.Password"] = "a long enough password",
            ["Input.AcceptGuidelines"] = "true", ["Input.ConsentAttendance"] = "true",
        });
        await AssertFriendlyTooManyAsync(refused);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Forgot_password_is_limited_and_a_refused_one_sends_nothing()
    {
        var browser = BrowserAt(out _);
        var email = await app.NewMemberAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.net" })).StatusCode);
        await AssertFriendlyTooManyAsync(await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }));
        await Assert.ThrowsAsync<TimeoutException>(() => app.WaitForMailToAsync(email, "Reset", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Reset_password_is_limited_with_forgot_password_and_a_refused_one_changes_nothing()
    {
        var browser = BrowserAt(out _);
        var email = await app.NewMemberAsync();
        var url = $"/account/reset-password?email={Uri.EscapeDataString(email)}&code=Zm9yZ2Vk";
        Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.net" })).StatusCode);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync(url, new Dictionary<string, string> { ["Input.Password"] = "a guessed new password" })).StatusCode);
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
        await AssertFriendlyTooManyAsync(await browser.PostFormAsync(url, new Dictionary<string, string> { ["Input.Password"] = "a guessed new password" }));
        Assert.Equal(hash, await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task The_two_step_code_is_limited()
    {
        // The code pages together (app code or recovery code); without a password step first they say to sign in again.
        var codes = BrowserAt(out _);
        var token = (await codes.GetPageAsync("/account/sign-in")).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Task<HttpResponseMessage> Post(string url) => codes.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Code"] = "123456" }));
        Assert.Equal(HttpStatusCode.OK, (await Post("/account/sign-in/two-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("/account/sign-in/recovery-code")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post("/account/sign-in/two-factor")).StatusCode);
        await AssertFriendlyTooManyAsync(await Post("/account/sign-in/recovery-code"));
    }

    [Fact]
    public async Task The_address_is_the_clients_as_a_known_proxy_forwards_it_and_an_unknown_one_cannot_fake_it()
    {
        // Through the configured proxy on loopback: each forwarded address counts on its own.
        var viaProxy = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.net", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await viaProxy.SendAsync(request)).StatusCode);
        }
        // From an address that is not a known proxy, X-Forwarded-For is ignored: changing it doesn't escape the limit.
        var direct = BrowserAt(out _);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.net", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await direct.SendAsync(request)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)429], statuses);
    }
}

/// <summary>A limit is a count per window: once the window has passed, the address may try again.</summary>
public class RateLimitResetTests(RateLimitResetTests.ShortWindowApp app) : IClassFixture<RateLimitResetTests.ShortWindowApp>
{
    public sealed class ShortWindowApp : AppFactory
    {
        public ShortWindowApp() => With("RateLimits:SignIn:PermitLimit", "2").With("RateLimits:SignIn:WindowSeconds", "3");
    }

    [Fact]
    public async Task The_limit_resets_after_its_window()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "203.0.113.200");
        Task<HttpResponseMessage> Login() => client.PostAsJsonAsync("/api/v1/auth/login", new { email = DemoCommunity.MemberEmail(12), password = DemoCommunity.Password });
        Assert.Equal(HttpStatusCode.OK, (await Login()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Login()).StatusCode);
        var refused = await Login();
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        await Task.Delay(wait + TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, (await Login()).StatusCode);
    }
}

/// <summary>With no proxy configured, nobody's X-Forwarded-For is believed, not even from loopback.</summary>
public class RateLimitForwardedDefaultsTests(RateLimitForwardedDefaultsTests.NoProxyApp app) : IClassFixture<RateLimitForwardedDefaultsTests.NoProxyApp>
{
    public sealed class NoProxyApp : AppFactory
    {
        public NoProxyApp() => With("RateLimits:SignIn:PermitLimit", "3").With("RateLimits:SignIn:WindowSeconds", "60");
    }

    [Fact]
    public async Task A_loopback_peers_invented_forwarded_addresses_are_not_believed_by_default()
    {
        var client = app.CreateClient(); // from loopback, like a process on the same machine
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.net", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)429, (HttpStatusCode)429], statuses);
    }
}

/// <summary>With Redis, several instances share one count per address; without it reachable, each still counts.</summary>
public class RateLimitRedisTests
{
    static AppFactory Limited(AppFactory app, string redis, string prefix) => app
        .With("Redis:Configuration", redis).With("RateLimits:KeyPrefix", prefix)
        .With("RateLimits:SignIn:PermitLimit", "3").With("RateLimits:SignIn:WindowSeconds", "60");

    static async Task<HttpStatusCode> LoginAsync(AppFactory app, string peer)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, peer);
        return (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.net", password = "x" })).StatusCode;
    }

    [Fact]
    public async Task Two_instances_using_redis_share_one_count_per_address()
    {
        var prefix = $"rtr-test:{Guid.NewGuid():N}:";
        await using var first = Limited(new AppFactory(), "127.0.0.1:6379", prefix);
        await using var second = Limited(AppFactory.SharingDatabaseWith(first), "127.0.0.1:6379", prefix);
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(first, "203.0.113.31"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(second, "203.0.113.31"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(first, "203.0.113.31"));
        Assert.Equal((HttpStatusCode)429, await LoginAsync(second, "203.0.113.31"));
        Assert.Equal((HttpStatusCode)429, await LoginAsync(first, "203.0.113.31"));
        // Another address has its own count, on both.
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(second, "203.0.113.32"));
    }

    [Fact]
    public async Task With_redis_out_of_reach_each_instance_still_counts_and_nothing_fails()
    {
        await using var app = Limited(new AppFactory(), "127.0.0.1:1,connectTimeout=500", $"rtr-test:{Guid.NewGuid():N}:");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add(await LoginAsync(app, "203.0.113.33"));
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)429], statuses);
    }
}
