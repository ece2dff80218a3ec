using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class OpenApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_openapi_document_describes_every_v1_endpoint()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/groups", "/api/v1/groups/{slug}", "/api/v1/groups/{slug}/runs", "/api/v1/runs/{id}/rsvp", "/api/v1/runs/{id}/attendees", "/api/v1/auth/login" })
            Assert.Contains(path, paths);
    }

    [Fact]
    public async Task The_health_check_answers_healthy()
    {
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz"));
    }
}
