using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Every page and endpoint has a rule here, and each rule is tried as an anonymous visitor, a member
/// and a leader of the group. A page or endpoint added without a rule makes this test fail.
/// </summary>
public class AuthorizationTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>RefreshToken: open to anyone, but only a valid refresh token gets anything (forged ones: 401).</summary>
    /// <summary>SecretLink: open to anyone who has the secret address; a wrong one is not found for everyone.</summary>
    public enum Access { Public, SignedIn, GroupLeader, RefreshToken, SecretLink }

    public record Rule(string Method, string Pattern, Access Access, string? Handler = null);

    public static readonly Rule[] Rules =
    [
        new("GET", "/", Access.Public),
        new("GET", "/groups", Access.Public),
        new("GET", "/groups/{slug}", Access.Public),
        new("GET", "/runs/{id:int}", Access.Public),
        new("POST", "/runs/{id:int}", Access.SignedIn, "ImComing"),
        new("POST", "/runs/{id:int}", Access.SignedIn, "CantMakeIt"),
        new("POST", "/runs/{id:int}", Access.SignedIn, "UsuallyCome"),
        new("POST", "/runs/{id:int}", Access.SignedIn, "StopUsuallyComing"),
        new("GET", "/runs/{id:int}/whos-coming", Access.GroupLeader),
        new("GET", "/runs/{id:int}/manage", Access.GroupLeader),
        new("POST", "/runs/{id:int}/manage", Access.GroupLeader, "Change"),
        new("POST", "/runs/{id:int}/manage", Access.GroupLeader, "Cancel"),
        new("POST", "/runs/{id:int}/manage", Access.GroupLeader, "Reinstate"),
        new("GET", "/groups/{slug}/manage", Access.GroupLeader),
        new("POST", "/groups/{slug}/manage", Access.GroupLeader, "Profile"),
        new("POST", "/groups/{slug}/manage", Access.GroupLeader, "EndSeries"),
        new("GET", "/groups/{slug}/meeting-points/{id}", Access.GroupLeader),
        new("POST", "/groups/{slug}/meeting-points/{id}", Access.GroupLeader, ""),
        new("POST", "/groups/{slug}/meeting-points/{id}", Access.GroupLeader, "Delete"),
        new("GET", "/groups/{slug}/series/new", Access.GroupLeader),
        new("POST", "/groups/{slug}/series/new", Access.GroupLeader, ""),
        new("GET", "/my-runs", Access.SignedIn),
        new("POST", "/my-runs", Access.SignedIn, "NewCalendarLink"),
        new("GET", "/groups/{slug}/calendar.ics", Access.Public),
        new("GET", "/runs/{id:int}/calendar.ics", Access.Public),
        new("GET", "/calendar/{token}.ics", Access.SecretLink),
        new("GET", "/account/emails", Access.SignedIn),
        new("POST", "/account/emails", Access.SignedIn, ""),
        new("GET", "/mail/unsubscribe/{token}/{kind}", Access.SecretLink),
        new("POST", "/mail/unsubscribe/{token}/{kind}", Access.SecretLink, ""),
        new("GET", "/account/emergency-contact", Access.SignedIn),
        new("POST", "/account/emergency-contact", Access.SignedIn, ""),
        new("POST", "/account/emergency-contact", Access.SignedIn, "Remove"),
        new("GET", "/runs/{id:int}/register", Access.GroupLeader),
        new("POST", "/runs/{id:int}/register", Access.GroupLeader, "Ticks"),
        new("POST", "/runs/{id:int}/register", Access.GroupLeader, "WalkIn"),
        new("POST", "/runs/{id:int}/register", Access.GroupLeader, "WalkInCount"),
        new("POST", "/runs/{id:int}/register", Access.GroupLeader, "Headcount"),
        new("GET", "/help", Access.Public),
        new("GET", "/error", Access.Public),
        new("GET", "/account/sign-up", Access.Public),
        new("GET", "/account/sign-in", Access.Public),
        new("GET", "/account/sign-out", Access.Public),
        new("GET", "/account/confirm-email", Access.Public),
        new("GET", "/account/forgot-password", Access.Public),
        new("GET", "/account/reset-password", Access.Public),
        new("GET", "/account/access-denied", Access.Public),
        new("GET", "/healthz", Access.Public),
        new("GET", "/livez", Access.Public),
        new("GET", "/openapi/{documentName}.json", Access.Public),
        new("POST", "/api/v1/auth/login", Access.Public),
        new("POST", "/api/v1/auth/refresh", Access.RefreshToken),
        new("GET", "/api/v1/groups", Access.Public),
        new("GET", "/api/v1/places", Access.Public),
        new("GET", "/api/v1/groups/{slug}", Access.Public),
        new("GET", "/api/v1/groups/{slug}/runs", Access.Public),
        new("GET", "/api/v1/runs/{id:int}", Access.Public),
        new("GET", "/api/v1/runs", Access.Public),
        new("POST", "/api/v1/runs/{id:int}/rsvp", Access.SignedIn),
        new("GET", "/api/v1/runs/{id:int}/rsvp", Access.SignedIn),
        new("DELETE", "/api/v1/runs/{id:int}/rsvp", Access.SignedIn),
        new("GET", "/api/v1/runs/{id:int}/attendees", Access.GroupLeader),
        new("GET", "/api/v1/runs/{id:int}/register", Access.GroupLeader),
        new("GET", "/api/v1/me/runs", Access.SignedIn),
        new("POST", "/api/v1/series/{id:int}/rsvp", Access.SignedIn),
        new("DELETE", "/api/v1/series/{id:int}/rsvp", Access.SignedIn),
        new("PUT", "/api/v1/runs/{id:int}/register", Access.GroupLeader),
        new("POST", "/api/v1/runs/{id:int}/register/walk-ins", Access.GroupLeader),
        new("PATCH", "/api/v1/runs/{id:int}", Access.GroupLeader),
        new("POST", "/api/v1/groups/{slug}/series", Access.GroupLeader),
        new("GET", "/api/v1/groups/{slug}/series", Access.Public),
        new("PATCH", "/api/v1/series/{id:int}", Access.GroupLeader),
        new("PUT", "/api/v1/groups/{slug}/profile", Access.GroupLeader),
        new("POST", "/api/v1/groups/{slug}/meeting-points", Access.GroupLeader),
        new("PUT", "/api/v1/groups/{slug}/meeting-points/{id:int}", Access.GroupLeader),
        new("DELETE", "/api/v1/groups/{slug}/meeting-points/{id:int}", Access.GroupLeader),
    ];

    static string Normalise(string pattern) => "/" + pattern.Trim('/').ToLowerInvariant();

    [Fact]
    public void Every_page_and_endpoint_has_a_rule()
    {
        var known = Rules.Select(r => Normalise(r.Pattern)).ToHashSet();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => Normalise(e.RoutePattern.RawText ?? ""))
            .Where(p => !p.StartsWith("/_")) // framework internals, if any
            .Distinct().ToList();
        var missing = endpoints.Where(e => !known.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorization rule: " + string.Join(", ", missing));
        // An API endpoint needs a rule for each of its methods (a GET beside a POST is a new way in).
        var knownMethods = Rules.Select(r => $"{r.Method} {Normalise(r.Pattern)}").ToHashSet();
        var missingMethods = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText ?? "")}"))
            .Where(k => !knownMethods.Contains(k)).Distinct().ToList();
        Assert.True(missingMethods.Count == 0, "Endpoint methods without an authorization rule: " + string.Join(", ", missingMethods));
        var stale = known.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    public static TheoryData<string, string, string?> AllRules()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var r in Rules) data.Add(r.Method, r.Pattern, r.Handler);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllRules))]
    public async Task Each_rule_holds_for_anonymous_member_and_leader(string method, string pattern, string? handler)
    {
        var rule = Rules.Single(r => r.Method == method && r.Pattern == pattern && r.Handler == handler);
        var run = await app.NextRunAsync("peterborough", skip: 5);
        // A series' own address needs a real series: an unknown one is "not found" for everyone.
        var id = pattern.StartsWith("/api/v1/series/") ? (await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.GroupId == run.GroupId))).Id : run.Id;
        var url = pattern.Replace("{id:int}", id.ToString()).Replace("{id}", "new").Replace("{slug}", "peterborough").Replace("{documentName}", "v1").Replace("{token}", "not-the-secret-address-of-anyone").Replace("{kind}", "day-before");
        var isApi = url.StartsWith("/api");

        var anonymous = await Send(app.Browser(), method, url, handler, isApi);
        var member = await Send(isApi ? await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: "peterborough")) : await app.SignedInAsync(await app.NewMemberAsync(groupSlug: "peterborough")), method, url, handler, isApi);
        var leaderEmail = DemoCommunity.LeaderEmail("peterborough");
        var leader = await Send(isApi ? await app.ApiClientAsync(leaderEmail) : await app.SignedInAsync(leaderEmail), method, url, handler, isApi);

        switch (rule.Access)
        {
            case Access.Public:
                Allowed(anonymous, url); Allowed(member, url); Allowed(leader, url);
                break;
            case Access.SignedIn:
                NeedsSignIn(anonymous, url, isApi); Allowed(member, url); Allowed(leader, url);
                break;
            case Access.SecretLink:
                foreach (var r in new[] { anonymous, member, leader }) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
                break;
            case Access.RefreshToken:
                foreach (var r in new[] { anonymous, member, leader }) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
                break;
            case Access.GroupLeader:
                NeedsSignIn(anonymous, url, isApi); Forbidden(member, url, isApi); Allowed(leader, url);
                break;
        }
    }

    static async Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string? handler, bool isApi)
    {
        if (method == "GET") return await client.GetAsync(url);
        if (isApi)
        {
            var body = url.EndsWith("/login") ? JsonContent.Create(new { email = "", password = "" })
                : url.EndsWith("/refresh") ? JsonContent.Create(new { refreshToken = "x" })
                : method == "PATCH" ? JsonContent.Create(new { capacity = (int?)null }) // harmless: no cap stays no cap; the series endpoint refuses it
                : url.EndsWith("/series") ? JsonContent.Create(new { title = "Rule check", dayOfWeek = "monday", localTime = "07:00", startsOn = "2030-01-07" })
                : JsonContent.Create(new { firstTime = false });
            return await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = body });
        }
        // A page's form: take the antiforgery token from the page itself.
        var page = await client.GetAsync(url);
        var doc = Pages.Parse(await page.Content.ReadAsStringAsync());
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        if (token is null)
        {
            // Signed out, the run page has no form; a real token from another page gets past antiforgery.
            var signIn = Pages.Parse(await (await client.GetAsync("/account/sign-in")).Content.ReadAsStringAsync());
            token = signIn.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }
        return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    static string Location(HttpResponseMessage r) =>
        r.Headers.Location is not { } l ? "" : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    static void Allowed(HttpResponseMessage r, string url)
    {
        Assert.False(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{url}: {r.StatusCode}");
        var location = Location(r);
        Assert.False(location.StartsWith("/account/sign-in") || location.StartsWith("/account/access-denied"), $"{url} redirected to {location}");
    }

    static void NeedsSignIn(HttpResponseMessage r, string url, bool isApi)
    {
        if (isApi) Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"{url}: {r.StatusCode}");
        else Assert.True(r.StatusCode == HttpStatusCode.Redirect && Location(r).StartsWith("/account/sign-in"), $"{url}: {r.StatusCode} {r.Headers.Location}");
    }

    static void Forbidden(HttpResponseMessage r, string url, bool isApi)
    {
        if (isApi) Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{url}: {r.StatusCode}");
        else Assert.True(r.StatusCode == HttpStatusCode.Redirect && Location(r).StartsWith("/account/access-denied"), $"{url}: {r.StatusCode} {r.Headers.Location}");
    }
}
