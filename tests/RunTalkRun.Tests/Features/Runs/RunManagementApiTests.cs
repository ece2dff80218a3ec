using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class RunManagementApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "milton-keynes";
    static string Leader => DemoCommunity.LeaderEmail(Slug);

    static HttpRequestMessage Patch(int id, string json) =>
        new(HttpMethod.Patch, $"/api/v1/runs/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    async Task<Run> Reload(int id) => await app.WithDbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_leader_cancels_a_run_with_a_reason_and_everyone_sees_it_cancelled()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 5);
        var response = await api.SendAsync(Patch(run.Id, """{"status":"cancelled","cancelReason":"Flooded paths around the lake"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        var page = await app.Browser().GetPageAsync($"/runs/{run.Id}");
        Assert.Contains("Flooded paths around the lake", page.Text(".warning"));
    }

    [Fact]
    public async Task Cancelling_without_a_reason_is_a_validation_problem_and_changes_nothing()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 4);
        var response = await api.SendAsync(Patch(run.Id, """{"status":"cancelled","cancelReason":"   "}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("cancelReason", out _));
        Assert.Equal(RunStatus.Scheduled, (await Reload(run.Id)).Status);
    }

    [Fact]
    public async Task Moving_a_run_to_a_local_time_keeps_it_in_the_groups_zone()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 3);
        var local = run.LocalStart(DateTimeZoneProviders.Tzdb["Europe/London"]).Date.PlusDays(1);
        var response = await api.SendAsync(Patch(run.Id, $$"""{"startsAt":"{{local:uuuu-MM-dd}}T10:15"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var startsAt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("startsAt").GetString()!;
        Assert.StartsWith($"{local:uuuu-MM-dd}T10:15:00", startsAt);
        Assert.Equal(local.At(new LocalTime(10, 15)).InZoneStrictly(DateTimeZoneProviders.Tzdb["Europe/London"]).ToInstant(), (await Reload(run.Id)).StartsAt);
    }

    [Theory]
    [InlineData("2027-03-28T01:30", "doesn't exist")]
    [InlineData("2027-10-31T01:30", "happens twice")]
    [InlineData("2020-01-01T10:00", "in the past")]
    [InlineData("next tuesday", "must be a date and time")]
    [InlineData("2027-02-30T10:00", "must be a date and time")]
    public async Task Impossible_or_past_times_are_refused_with_a_clear_message(string startsAt, string message)
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 2);
        var response = await api.SendAsync(Patch(run.Id, $$"""{"startsAt":"{{startsAt}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("startsAt")[0].GetString());
        Assert.Equal(run.StartsAt, (await Reload(run.Id)).StartsAt);
    }

    [Theory]
    [InlineData("""{"capacity": 1}""", "capacity")]
    [InlineData("""{"capacity": 100000}""", "capacity")]
    [InlineData("""{"capacity": "six"}""", "capacity")]
    [InlineData("""{"meetingPointId": 1}""", "meetingPointId")]
    [InlineData("""{"status": "postponed"}""", "status")]
    [InlineData("""{"title": "<script>x</script>"}""", "title")]
    [InlineData("""[1,2]""", "body")]
    public async Task Bad_changes_are_refused_field_by_field_and_nothing_is_half_saved(string json, string field)
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 1);
        var before = await Reload(run.Id);
        var response = await api.SendAsync(Patch(run.Id, json.Replace("}", ", \"status\": \"cancelled\", \"cancelReason\": \"x\"}").Replace("[1,2]", "[1,2]")));
        if (json.StartsWith('[')) response = await api.SendAsync(Patch(run.Id, json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        var after = await Reload(run.Id);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Capacity, after.Capacity);
        Assert.Equal(before.MeetingPointId, after.MeetingPointId);
    }

    [Fact]
    public async Task A_cap_and_then_no_cap_can_be_set()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync(Slug, skip: 6);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Patch(run.Id, """{"capacity": 6}"""))).StatusCode);
        Assert.Equal(6, (await Reload(run.Id)).Capacity);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Patch(run.Id, """{"capacity": null}"""))).StatusCode);
        Assert.Null((await Reload(run.Id)).Capacity);
    }

    [Fact]
    public async Task A_past_run_cannot_be_changed()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.PastRunAsync(Slug);
        var response = await api.SendAsync(Patch(run.Id, """{"status":"cancelled","cancelReason":"Too late"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RunStatus.Scheduled, (await Reload(run.Id)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("member")]
    [InlineData("other-leader")]
    public async Task Only_the_groups_leaders_and_hq_can_change_a_run(string? who)
    {
        // Another group's run, so the other tests' cancellations don't move it.
        var run = await app.NextRunAsync("london-covent-garden", skip: 3);
        var client = who switch
        {
            null => app.CreateClient(),
            "member" => await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: "london-covent-garden")),
            _ => await app.ApiClientAsync(DemoCommunity.LeaderEmail("brighton")),
        };
        var response = await client.SendAsync(Patch(run.Id, """{"status":"cancelled","cancelReason":"Not mine to cancel"}"""));
        Assert.Equal(who is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RunStatus.Scheduled, (await Reload(run.Id)).Status);
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.OK, (await hq.SendAsync(Patch(run.Id, """{"capacity": 10}"""))).StatusCode);
    }

    [Fact]
    public async Task A_leader_adds_a_monthly_series_and_its_runs_appear()
    {
        var api = await app.ApiClientAsync(Leader);
        var response = await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", new
        {
            title = "First Sunday social run", frequency = "monthly", dayOfWeek = "sunday", weekOfMonth = 1,
            localTime = "10:00", startsOn = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FREQ=MONTHLY;BYDAY=1SU", body.GetProperty("recurrenceRule").GetString());
        var first = body.GetProperty("firstRuns").EnumerateArray().ToList();
        Assert.NotEmpty(first);
        Assert.All(first, r =>
        {
            var at = DateTimeOffset.Parse(r.GetProperty("startsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(DayOfWeek.Sunday, at.DayOfWeek);
            Assert.InRange(at.Day, 1, 7);
            Assert.Equal(10, at.Hour);
        });
    }

    [Theory]
    [InlineData("""{"title":"","dayOfWeek":"thursday","localTime":"19:00","startsOn":"2030-01-03"}""", "title")]
    [InlineData("""{"title":"Past","dayOfWeek":"thursday","localTime":"19:00","startsOn":"2020-01-02"}""", "startsOn")]
    [InlineData("""{"title":"Never","dayOfWeek":"thursday","localTime":"19:00","startsOn":"2030-01-04","endsOn":"2030-01-08"}""", "endsOn")]
    [InlineData("""{"title":"Fifth","frequency":"monthly","weekOfMonth":5,"dayOfWeek":"sunday","localTime":"10:00","startsOn":"2030-01-01"}""", "weekOfMonth")]
    [InlineData("""{"title":"Bad day","dayOfWeek":"funday","localTime":"19:00","startsOn":"2030-01-03"}""", "dayOfWeek")]
    [InlineData("""{"title":"Bad time","dayOfWeek":"monday","localTime":"25:61","startsOn":"2030-01-03"}""", "localTime")]
    [InlineData("""{"title":"Daily","frequency":"daily","dayOfWeek":"monday","localTime":"07:00","startsOn":"2030-01-03"}""", "frequency")]
    [InlineData("""{"title":"Far","dayOfWeek":"monday","localTime":"07:00","startsOn":"2030-01-03","approxDistanceKm":500}""", "approxDistanceKm")]
    public async Task A_series_that_cannot_work_is_refused_and_nothing_is_saved(string json, string field)
    {
        var api = await app.ApiClientAsync(Leader);
        var before = await app.WithDbAsync(db => db.RunSeries.CountAsync());
        var response = await api.PostAsync($"/api/v1/groups/{Slug}/series", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(before, await app.WithDbAsync(db => db.RunSeries.CountAsync()));
    }

    [Fact]
    public async Task Only_leaders_of_the_group_can_add_a_series()
    {
        var json = """{"title":"Sneaky","dayOfWeek":"monday","localTime":"07:00","startsOn":"2030-01-07"}""";
        var member = await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/api/v1/groups/{Slug}/series", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        var other = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brisbane"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/groups/{Slug}/series", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync($"/api/v1/groups/{Slug}/series", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_cap_is_kept_when_people_say_they_are_coming_and_the_next_one_waits()
    {
        var api = await app.ApiClientAsync(Leader);
        var run = await app.NextRunAsync("london-southwark", skip: 6);
        var going = await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiClientAsync(DemoCommunity.LeaderEmail("london-southwark"))).SendAsync(Patch(run.Id, $$"""{"capacity": {{going + 2}}}"""))).StatusCode);
        var results = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var member = await app.ApiClientAsync(await app.NewMemberAsync());
            var response = await member.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            results.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!);
        }
        Assert.Equal(["going", "going", "waitlisted"], results);
        Assert.Equal(going + 2, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id && r.Status == RsvpStatus.Going)));
    }

    [Fact]
    public async Task Moving_a_virtual_run_moves_its_online_talk_and_it_takes_no_meeting_point()
    {
        var api = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var run = await app.WithDbAsync(db => db.Runs.Include(r => r.Group).Where(r => r.IsVirtual && r.StartsAt > SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(3))).OrderBy(r => r.StartsAt).FirstAsync());
        var mp = await app.WithDbAsync(db => db.MeetingPoints.Where(m => m.GroupId == run.GroupId).Select(m => m.Id).FirstAsync());
        var refused = await api.SendAsync(Patch(run.Id, $$"""{"meetingPointId": {{mp}}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var later = run.StartsAt.Plus(NodaTime.Duration.FromHours(2)).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Patch(run.Id, $$"""{"startsAt": "{{later}}"}"""))).StatusCode);
        var after = await Reload(run.Id);
        Assert.Equal(run.TalkOnlineAt!.Value.Plus(Duration.FromHours(2)), after.TalkOnlineAt);
        Assert.Null(after.MeetingPointId);
    }
}
