using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>The app as `dotnet run` starts it: the Development environment.</summary>
public class DevelopmentAppFactory : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

/// <summary>
/// A body that isn't JSON (or is empty, null, not UTF-8, or nested too deep) and a query value of the wrong kind get
/// 400 problem details with a plain detail, in Development as in production, never a server error.
/// </summary>
public class MalformedRequestTests(AppFactory testing, DevelopmentAppFactory development) : IClassFixture<AppFactory>, IClassFixture<DevelopmentAppFactory>
{
    static readonly string TooDeep = "{\"email\":\"a@example.org\",\"password\":\"x\",\"extra\":" + new string('[', 70) + new string(']', 70) + "}";

    public static TheoryData<string, string, string> Bodies()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var environment in new[] { "Testing", "Development" })
        foreach (var url in new[] { "/api/v1/auth/login", "/api/v1/auth/refresh" })
        foreach (var kind in new[] { "not JSON", "empty", "null", "invalid UTF-8", "too deep", "wrong shape" })
            data.Add(environment, url, kind);
        return data;
    }

    static HttpContent Body(string kind)
    {
        var bytes = kind switch
        {
            "not JSON" => Encoding.UTF8.GetBytes("email=a@example.org&password=x"),
            "empty" => [],
            "null" => Encoding.UTF8.GetBytes("null"),
            "invalid UTF-8" => [.. Encoding.UTF8.GetBytes("{\"email\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\",\"refreshToken\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\",\"password\":\"x\"}")],
            "too deep" => Encoding.UTF8.GetBytes(TooDeep),
            "wrong shape" => Encoding.UTF8.GetBytes("{\"email\":[1,2],\"refreshToken\":{}}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    HttpClient Client(string environment) =>
        (environment == "Development" ? development : testing).CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    static async Task<string> AssertPlainBadRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        Assert.DoesNotContain("Exception", detail);
        Assert.DoesNotContain("RunTalkRun", detail);
        Assert.False(problem.TryGetProperty("exception", out _)); // no stack trace, in Development either
        return detail!;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_json_body_is_answered_400_problem_details(string environment, string url, string kind)
    {
        var response = await Client(environment).PostAsync(url, Body(kind));
        await AssertPlainBadRequestAsync(response);
    }

    [Theory]
    [InlineData("Testing", "/api/v1/groups?near=52.57,-0.24&radiusKm=abc")]
    [InlineData("Testing", "/api/v1/runs?near=52.57,-0.24&radiusKm=ten")]
    [InlineData("Testing", "/api/v1/runs?virtual=perhaps")]
    [InlineData("Development", "/api/v1/groups?near=52.57,-0.24&radiusKm=abc")]
    [InlineData("Development", "/api/v1/runs?near=52.57,-0.24&radiusKm=ten")]
    [InlineData("Development", "/api/v1/runs?virtual=perhaps")]
    public async Task A_query_value_of_the_wrong_kind_is_answered_400_problem_details(string environment, string url)
    {
        var response = await Client(environment).GetAsync(url);
        var detail = await AssertPlainBadRequestAsync(response);
        Assert.Contains(url.Contains("virtual") ? "virtual" : "radiusKm", detail);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task A_route_number_that_is_text_is_not_found_not_a_server_error(string environment)
    {
        var response = await Client(environment).GetAsync("/api/v1/runs/abc");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
