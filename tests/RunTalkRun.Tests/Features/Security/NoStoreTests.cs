using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Security.AuthorizationTests;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Every answer to someone signed in says Cache-Control: no-store, so no browser or proxy keeps a private
/// page or API answer: each GET page and endpoint the app has is asked by someone its rule lets in.
/// </summary>
public class NoStoreTests(Walk walk) : IClassFixture<Walk>
{
    /// <summary>Public feeds that set their own caching (the same for everyone: a group's calendar, the crisis lines).</summary>
    static readonly HashSet<string> OwnCaching = ["/groups/{slug}/calendar.ics", "/api/v1/help", "/api/v1/help/{country}"];

    [Fact]
    public async Task Every_get_page_and_endpoint_answers_no_store_to_someone_signed_in()
    {
        var patterns = walk.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(p => !p.StartsWith("/_") && !OwnCaching.Contains(p))
            .Distinct().ToList();
        Assert.True(patterns.Count > 60, $"only {patterns.Count} GET pages and endpoints found");
        Assert.Contains("/api/v1/rooms/{id:int}/messages", patterns);
        Assert.Contains("/api/v1/groups/{slug}/roster", patterns);

        var failures = new List<string>();
        foreach (var pattern in patterns)
        {
            var row = Table.Rows.FirstOrDefault(r => r.Method == "GET" && string.Equals(r.Pattern, pattern, StringComparison.OrdinalIgnoreCase));
            // Someone the row lets in, so the answer is the real one; for a rule nobody signed in passes (a secret link), anyone signed in.
            var persona = row is null ? Persona.SignedIn
                : Table.Rules[row.Rule].Where(a => a.Key != Persona.Anonymous && a.Value == "yes").Select(a => a.Key).DefaultIfEmpty(Persona.SignedIn).First();
            var url = walk.UrlFor(pattern).Replace("{country}", "gb");
            var isApi = url.StartsWith("/api") || url.StartsWith("/hubs");
            var client = await walk.ClientAsync(persona, isApi);
            var response = await client.GetAsync(url);
            var cacheControl = response.Headers.CacheControl?.ToString() ?? "";
            if (!cacheControl.Contains("no-store"))
                failures.Add($"GET {url} as {persona}: {(int)response.StatusCode}, Cache-Control '{cacheControl}'");
        }
        Assert.True(failures.Count == 0, "Answers to someone signed in that a cache may keep:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Public_pages_and_static_files_keep_their_own_caching_for_people_not_signed_in()
    {
        var anonymous = walk.App.Browser();
        var groups = await anonymous.GetAsync("/groups");
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        Assert.DoesNotContain("no-store", groups.Headers.CacheControl?.ToString() ?? "");
        var feed = await anonymous.GetAsync("/groups/peterborough/calendar.ics");
        Assert.Equal("public, max-age=900", feed.Headers.CacheControl?.ToString());
        var script = await anonymous.GetAsync("/js/map.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.DoesNotContain("no-store", script.Headers.CacheControl?.ToString() ?? "");
    }
}
