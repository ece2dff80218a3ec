using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class GroupsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Groups_list_has_every_demo_group_with_its_time_zone()
    {
        var groups = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/groups");
        var slugs = groups!.Select(g => g.GetProperty("slug").GetString()).ToHashSet();
        foreach (var slug in new[] { "london-covent-garden", "london-southwark", "london-city", "peterborough", "milton-keynes", "brighton", "los-angeles", "brisbane" })
            Assert.Contains(slug, slugs);
        Assert.Equal("Australia/Brisbane", groups!.Single(g => g.GetProperty("slug").GetString() == "brisbane").GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Group_details_show_the_base_with_facilities_and_leaders_by_nickname_only()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups/london-southwark");
        var body = await response.Content.ReadAsStringAsync();
        var group = JsonDocument.Parse(body).RootElement;
        var mp = group.GetProperty("meetingPoints")[0];
        Assert.Equal("Southwark gym", mp.GetProperty("name").GetString());
        var facilities = mp.GetProperty("facilities").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("Toilets", facilities);
        Assert.Contains("Water", facilities);
        Assert.Equal(["Sam"], group.GetProperty("leaders").EnumerateArray().Select(l => l.GetString()));
        Assert.DoesNotContain("@example.org", body);
    }

    [Fact]
    public async Task Unknown_group_answers_404_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("atlantis", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("brisbane", "Australia/Brisbane", 6, 30)]
    [InlineData("los-angeles", "America/Los_Angeles", 8, 0)]
    [InlineData("london-city", "Europe/London", 19, 0)]
    public async Task Group_runs_start_at_local_time_with_the_local_offset(string slug, string zone, int hour, int minute)
    {
        var runs = await app.CreateClient().GetFromJsonAsync<JsonElement[]>($"/api/v1/groups/{slug}/runs");
        Assert.NotEmpty(runs!);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        foreach (var run in runs!)
        {
            Assert.Equal(zone, run.GetProperty("timeZone").GetString());
            var text = run.GetProperty("startsAt").GetString()!;
            var startsAt = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(hour, startsAt.Hour);
            Assert.Equal(minute, startsAt.Minute);
            Assert.Equal(tz.GetUtcOffset(startsAt.UtcDateTime), startsAt.Offset);
            Assert.True(run.TryGetProperty("goingCount", out _));
            Assert.True(run.TryGetProperty("meetingPoint", out _));
            Assert.True(run.TryGetProperty("id", out _));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)$", text);
        }
    }

    [Fact]
    public async Task Runs_of_an_unknown_group_answer_404_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups/nowhere/runs");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await response.ProblemAsync();
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing")]
    [InlineData("PUT", "/api/v1/groups")]
    public async Task Unknown_api_routes_and_methods_answer_problem_details_not_html(string method, string url)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
        await response.ProblemAsync();
    }
}
