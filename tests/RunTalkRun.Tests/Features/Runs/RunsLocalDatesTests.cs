using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>
/// A date without a time in the runs search (from, to) is that calendar day where each run is: the run's own
/// group's time zone. A time with an offset keeps meaning exactly that instant.
/// </summary>
public class RunsLocalDatesTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string BrisbaneNear = "near=-27.4698,153.0251&radiusKm=20";
    const string LosAngelesNear = "near=34.0522,-118.2437&radiusKm=20";

    static LocalDate DayIn(string zone, int daysAhead) =>
        SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[zone]).Date.PlusDays(daysAhead);

    static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", null);

    Task<int> RunAtAsync(string slug, string zone, LocalDateTime local, bool isVirtual = false) => app.WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Slug == slug);
        var basePoint = await db.MeetingPoints.SingleAsync(m => m.GroupId == group.Id && m.IsBase);
        var run = new Run
        {
            GroupId = group.Id, MeetingPointId = isVirtual ? null : basePoint.Id, Title = $"Local-day run {local}", IsVirtual = isVirtual,
            StartsAt = local.InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant(),
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    });

    async Task<int[]> FindAsync(string query)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/runs?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToArray();
    }

    [Fact]
    public async Task From_a_day_includes_a_Brisbane_run_early_that_morning_Brisbane_time()
    {
        var day = DayIn("Australia/Brisbane", 10);
        var early = await RunAtAsync("brisbane", "Australia/Brisbane", day.At(new LocalTime(6, 30)));

        Assert.Contains(early, await FindAsync($"{BrisbaneNear}&from={Iso(day)}&to={Iso(day)}"));
        Assert.Contains(early, await FindAsync($"{BrisbaneNear}&from={Iso(day)}"));
        Assert.DoesNotContain(early, await FindAsync($"{BrisbaneNear}&from={Iso(day.PlusDays(-3))}&to={Iso(day.PlusDays(-1))}"));
        Assert.DoesNotContain(early, await FindAsync($"{BrisbaneNear}&from={Iso(day.PlusDays(1))}"));
    }

    [Fact]
    public async Task To_a_day_includes_a_Los_Angeles_run_that_evening_Los_Angeles_time()
    {
        var day = DayIn("America/Los_Angeles", 10);
        var evening = await RunAtAsync("los-angeles", "America/Los_Angeles", day.At(new LocalTime(19, 0)));

        Assert.Contains(evening, await FindAsync($"{LosAngelesNear}&from={Iso(day.PlusDays(-1))}&to={Iso(day)}"));
        Assert.Contains(evening, await FindAsync($"{LosAngelesNear}&from={Iso(day)}&to={Iso(day)}"));
        Assert.DoesNotContain(evening, await FindAsync($"{LosAngelesNear}&from={Iso(day.PlusDays(-2))}&to={Iso(day.PlusDays(-1))}"));
    }

    [Fact]
    public async Task A_time_with_an_offset_means_exactly_that_instant()
    {
        var day = DayIn("Australia/Brisbane", 11);
        var early = await RunAtAsync("brisbane", "Australia/Brisbane", day.At(new LocalTime(6, 30)));

        Assert.DoesNotContain(early, await FindAsync($"{BrisbaneNear}&from={Iso(day)}T06:31:00%2B10:00&to={Iso(day)}T12:00:00%2B10:00"));
        Assert.Contains(early, await FindAsync($"{BrisbaneNear}&from={Iso(day)}T06:30:00%2B10:00&to={Iso(day)}T12:00:00%2B10:00"));
        // "to" as a time is not included; the same instant written in UTC means the same.
        Assert.DoesNotContain(early, await FindAsync($"{BrisbaneNear}&from={Iso(day.PlusDays(-1))}&to={Iso(day.PlusDays(-1))}T20:30:00Z"));
        Assert.Contains(early, await FindAsync($"{BrisbaneNear}&from={Iso(day.PlusDays(-1))}&to={Iso(day.PlusDays(-1))}T20:31:00Z"));
    }

    [Fact]
    public async Task Virtual_runs_are_found_on_their_own_groups_day()
    {
        var brisbaneDay = DayIn("Australia/Brisbane", 12);
        var laDay = DayIn("America/Los_Angeles", 12);
        var brisbane = await RunAtAsync("brisbane", "Australia/Brisbane", brisbaneDay.At(new LocalTime(6, 0)), isVirtual: true);
        var la = await RunAtAsync("los-angeles", "America/Los_Angeles", laDay.At(new LocalTime(20, 0)), isVirtual: true);

        Assert.Contains(brisbane, await FindAsync($"virtual=true&from={Iso(brisbaneDay)}&to={Iso(brisbaneDay)}"));
        Assert.Contains(la, await FindAsync($"virtual=true&from={Iso(laDay)}&to={Iso(laDay)}"));
        Assert.DoesNotContain(la, await FindAsync($"virtual=true&from={Iso(laDay.PlusDays(1))}&to={Iso(laDay.PlusDays(1))}"));
    }

    [Fact]
    public async Task The_OpenAPI_document_says_what_a_date_without_a_time_means()
    {
        var doc = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("calendar day in the time zone of each run's own group", doc.Replace("\\u0027", "'"));
    }
}
