using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class RunsNearApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    static DateTimeOffset StartsAt(JsonElement r) =>
        DateTimeOffset.Parse(r.GetProperty("startsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Runs_near_peterborough_in_the_next_two_weeks_come_in_time_order_with_distances()
    {
        var runs = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/runs?near=52.57,-0.24&radiusKm=50&virtual=false");
        Assert.NotEmpty(runs!);
        Assert.All(runs!, r => Assert.Equal("peterborough", r.GetProperty("group").GetString()));
        Assert.All(runs!, r => Assert.InRange(r.GetProperty("distanceKm").GetDouble(), 0, 50));
        var times = runs!.Select(StartsAt).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14)));
        Assert.InRange(runs!.Length, 2, 3); // a weekly run, two weeks
    }

    [Fact]
    public async Task Virtual_runs_are_found_from_anywhere_and_can_be_left_out()
    {
        var client = app.CreateClient();
        var both = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/runs?near=-27.47,153.03");
        Assert.Contains(both!, r => r.GetProperty("isVirtual").GetBoolean());
        Assert.Contains(both!, r => r.GetProperty("group").GetString() == "brisbane");

        var onlyVirtual = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/runs?virtual=true");
        Assert.NotEmpty(onlyVirtual!);
        Assert.All(onlyVirtual!, r => Assert.True(r.GetProperty("isVirtual").GetBoolean()));
        Assert.All(onlyVirtual!, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("meetingPoint").ValueKind));
        var talk = DateTimeOffset.Parse(onlyVirtual![0].GetProperty("talkOnlineAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(StartsAt(onlyVirtual[0]).AddMinutes(45), talk);

        var none = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/runs?near=-27.47,153.03&virtual=false");
        Assert.DoesNotContain(none!, r => r.GetProperty("isVirtual").GetBoolean());
    }

    [Fact]
    public async Task A_window_given_by_dates_is_honoured()
    {
        var from = DateTime.UtcNow.Date.AddDays(7);
        var runs = await app.CreateClient().GetFromJsonAsync<JsonElement[]>($"/api/v1/runs?near=51.51,-0.09&from={from:yyyy-MM-dd}&to={from.AddDays(7):yyyy-MM-dd}&virtual=false");
        Assert.NotEmpty(runs!);
        // Dates are local: every run is on a London calendar day from the first to the last, both included.
        var london = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        var first = NodaTime.LocalDate.FromDateTime(from);
        Assert.All(runs!, r => Assert.InRange(NodaTime.Instant.FromDateTimeOffset(StartsAt(r)).InZone(london).Date, first, first.PlusDays(7)));
    }

    [Theory]
    [InlineData("", "near")]
    [InlineData("near=52,0&from=2027-01-10&to=2027-01-01", "to")]
    [InlineData("near=52,0&from=2027-01-01&to=2027-06-01", "to")]
    [InlineData("near=52,0&from=tomorrow", "from")]
    [InlineData("near=52,0&to=2027-13-01", "to")]
    [InlineData("near=100,0", "near")]
    [InlineData("near=52,0&radiusKm=0", "radiusKm")]
    [InlineData("near=52,0&radiusKm=100000", "radiusKm")]
    public async Task Bad_windows_points_and_radii_are_validation_problems(string query, string field)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/runs?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_virtual_run_page_says_run_wherever_you_are_and_when_the_talk_starts()
    {
        var id = await app.WithDbAsync(db => db.Runs.Where(r => r.IsVirtual && r.StartsAt > SystemClock.Instance.GetCurrentInstant()).OrderBy(r => r.StartsAt).Select(r => r.Id).FirstAsync());
        var page = await app.Browser().GetPageAsync($"/runs/{id}");
        Assert.Contains("Wherever you are", page.Text("main dl"));
        Assert.Contains("talk online at 10:45 (UK time)", page.Text("main dl"));
        Assert.NotNull(page.QuerySelector("[data-local-time]"));
    }
}
