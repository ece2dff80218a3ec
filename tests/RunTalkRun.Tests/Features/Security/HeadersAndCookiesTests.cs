using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>Security headers on every answer, HSTS over HTTPS (also behind a known proxy), and every cookie Secure, HttpOnly and SameSite.</summary>
public class HeadersAndCookiesTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Hsts = "max-age=31536000; includeSubDomains";

    HttpClient At(string baseAddress, string? peer = null)
    {
        var client = app.CreateDefaultClient(new Uri(baseAddress));
        if (peer is not null) client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, peer);
        return client;
    }

    static string? HstsOf(HttpResponseMessage r) => r.Headers.TryGetValues("Strict-Transport-Security", out var v) ? v.Single() : null;

    [Theory]
    [InlineData("/")]
    [InlineData("/account/sign-in")]
    [InlineData("/api/v1/groups")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_has_the_security_headers(string url)
    {
        var response = await At("https://runs.example.org").GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(Hsts, HstsOf(response));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only_and_with_no_proxy_configured_nobody_can_say_the_client_used_https()
    {
        Assert.Null(HstsOf(await At("http://runs.example.org").GetAsync("/")));
        var fromLoopback = new HttpRequestMessage(HttpMethod.Get, "/help");
        fromLoopback.Headers.Add("X-Forwarded-Proto", "https");
        fromLoopback.Headers.Add("X-Forwarded-For", "198.51.100.20");
        Assert.Null(HstsOf(await At("http://runs.example.org").SendAsync(fromLoopback))); // from loopback: not believed either
        var forged = new HttpRequestMessage(HttpMethod.Get, "/help");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Null(HstsOf(await At("http://runs.example.org", peer: "203.0.113.77").SendAsync(forged))); // from anyone else: not
    }

    [Fact]
    public async Task Only_configured_proxies_are_believed()
    {
        await using var behindProxy = new AppFactory().With("ForwardedHeaders:KnownProxies", "192.0.2.10, 192.0.2.11");
        async Task<string?> HstsFromAsync(string peer)
        {
            var client = behindProxy.CreateDefaultClient(new Uri("http://runs.example.org"));
            client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, peer);
            var request = new HttpRequestMessage(HttpMethod.Get, "/help");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return HstsOf(await client.SendAsync(request));
        }
        Assert.Equal(Hsts, await HstsFromAsync("192.0.2.10"));
        Assert.Equal(Hsts, await HstsFromAsync("192.0.2.11"));
        Assert.Null(await HstsFromAsync("127.0.0.1"));
    }

    /// <summary>Keeps every Set-Cookie the app sends, before the cookie container takes them.</summary>
    sealed class SetCookieRecorder : DelegatingHandler
    {
        public List<string> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            var response = await base.SendAsync(request, cancel);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies)) Seen.AddRange(cookies);
            return response;
        }
    }

    [Fact]
    public async Task Every_cookie_is_secure_http_only_and_same_site()
    {
        var recorder = new SetCookieRecorder();
        var browser = app.CreateDefaultClient(new Uri("https://localhost"), recorder, new CookieContainerHandler());
        await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = DemoCommunity.MemberEmail(2), ["Input.Password"] = DemoCommunity.Password }); // antiforgery, then the sign-in cookie
        await browser.PostFormAsync("/my-runs", new Dictionary<string, string>(), formSelector: "header form"); // sign out: the notice
        await browser.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = DemoCommunity.ModeratorEmail, ["Input.Password"] = DemoCommunity.Password }); // the pending second step

        var names = recorder.Seen.Select(c => c.Split('=')[0]).Distinct().ToList();
        Assert.Equal(["rtr.af", "rtr.auth", "rtr.external", "rtr.notice", "rtr.two-step"], names.Order().ToList()); // rtr.external: cleared at sign-in
        foreach (var cookie in recorder.Seen)
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.True(attributes.Contains("secure"), $"not Secure: {cookie}");
            Assert.True(attributes.Contains("httponly"), $"not HttpOnly: {cookie}");
            Assert.True(attributes.Contains("samesite=lax") || attributes.Contains("samesite=strict"), $"not SameSite Lax or Strict: {cookie}");
        }
    }
}
