using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public partial class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_v1_endpoint()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/groups", "/api/v1/groups/{slug}", "/api/v1/groups/{slug}/runs", "/api/v1/runs/{id}/rsvp", "/api/v1/runs/{id}/attendees", "/api/v1/auth/login" })
            Assert.Contains(path, paths);
    }

    /// <summary>
    /// Every endpoint the app maps under /api (less those excluded from the description), with each of its methods,
    /// is in the served document, answers with a success response there, and has a request body there when it
    /// takes JSON.
    /// </summary>
    [Fact]
    public async Task The_openapi_document_describes_every_mapped_api_endpoint()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Key: $"{op.Name.ToUpperInvariant()} {Normalise(path.Name)}", Operation: op.Value)))
            .ToDictionary(x => x.Key, x => x.Operation);

        var mapped = MappedApiEndpoints().ToList();
        Assert.True(mapped.Count > 50, $"only {mapped.Count} /api endpoints found in the app's endpoint data sources");
        Assert.Contains(("POST /api/v1/auth/login", true), mapped); // a JSON body is seen as one
        Assert.Contains(("GET /api/v1/runs/{id}/register", false), mapped); // {id:int} and a group's "/" are normalised

        var problems = new List<string>();
        foreach (var (key, takesJson) in mapped)
        {
            if (!documented.TryGetValue(key, out var operation)) { problems.Add($"{key}: not in the document"); continue; }
            var responses = operation.TryGetProperty("responses", out var r) ? r.EnumerateObject().Select(p => p.Name).ToList() : [];
            if (!responses.Any(code => code.StartsWith('2')))
                problems.Add($"{key}: no success response (has {(responses.Count == 0 ? "none" : string.Join(", ", responses))})");
            if (takesJson && !operation.TryGetProperty("requestBody", out _))
                problems.Add($"{key}: takes a JSON body but the document has no request body");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} of {mapped.Count} /api endpoints are not described properly:\n{string.Join("\n", problems)}");
    }

    /// <summary>"METHOD /path" for each method of each /api endpoint in the app's endpoint data sources, and whether it takes JSON.</summary>
    IEnumerable<(string Key, bool TakesJson)> MappedApiEndpoints() =>
        app.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            // The last such metadata wins, as in the API explorer.
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e =>
            {
                var path = Normalise("/" + e.RoutePattern.RawText!.TrimStart('/'));
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["(any method)"];
                var takesJson = e.Metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)));
                return methods.Select(method => ($"{method.ToUpperInvariant()} {path}", takesJson));
            })
            .Distinct();

    /// <summary>
    /// A path template without route constraints, defaults, optional or catch-all marks ({id:int} is {id}), and
    /// without a trailing slash (a group's MapGet("/") is /api/v1/groups/ in the route table, /api/v1/groups in the document).
    /// </summary>
    static string Normalise(string template)
    {
        var path = Parameter().Replace(template, m => "{" + m.Groups[1].Value + "}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task The_health_check_answers_healthy()
    {
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz"));
    }
}
