using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class SeriesRsvpTests(AppFactory app) : IClassFixture<AppFactory>
{
    Task<RunSeries> SeriesAsync(string slug) => app.WithDbAsync(db =>
        db.RunSeries.Include(s => s.Group).Where(s => s.Group!.Slug == slug && !s.IsVirtual && s.EndsOn == null).OrderBy(s => s.Id).FirstAsync());

    Task<List<int>> UpcomingRunIdsAsync(int seriesId) => app.WithDbAsync(db =>
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        return db.Runs.Where(r => r.SeriesId == seriesId && r.StartsAt > now && r.Status == RunStatus.Scheduled).OrderBy(r => r.StartsAt).Select(r => r.Id).ToListAsync();
    });

    [Fact]
    public async Task I_usually_come_puts_a_member_down_for_every_upcoming_run_and_each_new_one()
    {
        var series = await SeriesAsync("peterborough");
        var email = await app.NewMemberAsync("Regular");
        var api = await app.ApiClientAsync(email);

        var response = await api.PostAsync($"/api/v1/series/{series.Id}/rsvp", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var upcoming = await UpcomingRunIdsAsync(series.Id);
        Assert.Equal(upcoming.Count, body.GetProperty("runs").GetArrayLength());
        Assert.All(body.GetProperty("runs").EnumerateArray(), r => Assert.Equal("going", r.GetProperty("status").GetString()));

        var mine = await (await api.GetAsync("/api/v1/me/runs")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(series.Id, mine.GetProperty("usuallyComeToSeries").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(mine.GetProperty("runs").EnumerateArray().Count(r => r.GetProperty("fromSeries").GetBoolean()) >= upcoming.Count);

        // A run planned later (here: the last runs removed and planned again) has them down too.
        var last = upcoming[^1];
        await app.WithDbAsync(db => db.Runs.Where(r => r.Id == last).ExecuteDeleteAsync());
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RunScheduler>().ScheduleSeriesAsync(scope.ServiceProvider.GetRequiredService<RunTalkRun.Data.AppDb>(), series.Id);
        var replanned = (await UpcomingRunIdsAsync(series.Id))[^1];
        Assert.NotEqual(last, replanned);
        Assert.True(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == replanned && r.Member!.Email == email && r.FromSeries)));

        // Twice is a clear no.
        var again = await api.PostAsync($"/api/v1/series/{series.Id}/rsvp", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Already coming", (await again.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Dropping_one_run_keeps_the_rest_and_stopping_frees_every_place_the_series_gave()
    {
        var series = await SeriesAsync("london-southwark");
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        await api.PostAsync($"/api/v1/series/{series.Id}/rsvp", null);
        var upcoming = await UpcomingRunIdsAsync(series.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/runs/{upcoming[0]}/rsvp")).StatusCode);
        var left = await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.Member!.Email == email && r.Run!.SeriesId == series.Id));
        Assert.Equal(upcoming.Count - 1, left);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/series/{series.Id}/rsvp")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.Member!.Email == email && r.Run!.SeriesId == series.Id)));
        Assert.False(await app.WithDbAsync(db => db.SeriesRsvps.AnyAsync(s => s.Member!.Email == email)));
    }

    [Fact]
    public async Task A_full_run_puts_a_regular_on_its_waitlist()
    {
        var series = await SeriesAsync("brisbane");
        var upcoming = await UpcomingRunIdsAsync(series.Id);
        var full = upcoming[1];
        var taker = await app.NewMemberAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Rsvps.Where(r => r.RunId == full).ExecuteDeleteAsync();
            return await db.Runs.Where(r => r.Id == full).ExecuteUpdateAsync(s => s.SetProperty(r => r.Capacity, 2));
        });
        await app.RsvpAsync(full, taker, TimeSpan.FromHours(1));
        await app.RsvpAsync(full, await app.NewMemberAsync(), TimeSpan.FromHours(1));

        var body = await (await (await app.ApiClientAsync(await app.NewMemberAsync())).PostAsync($"/api/v1/series/{series.Id}/rsvp", null)).Content.ReadFromJsonAsync<JsonElement>();
        var forFull = body.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("runId").GetInt32() == full);
        Assert.Equal("waitlisted", forFull.GetProperty("status").GetString());
        Assert.Equal(1, forFull.GetProperty("waitlistPosition").GetInt32());
    }

    [Fact]
    public async Task Unknown_and_ended_series_are_refused_clearly()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/series/999999/rsvp", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/v1/series/999999/rsvp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/series/not-a-number/rsvp", null)).StatusCode);
        var ended = await app.WithDbAsync(async db =>
        {
            var s = await db.RunSeries.Include(x => x.Group).FirstAsync(x => x.Group!.Slug == "los-angeles");
            s.EndsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10));
            await db.SaveChangesAsync();
            return s.Id;
        });
        var response = await api.PostAsync($"/api/v1/series/{ended}/rsvp", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Series ended", (await response.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task My_runs_shows_only_my_own_rsvps_with_where_I_am_in_a_queue()
    {
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromDays(2), capacity: 1);
        var first = await app.NewMemberAsync();
        var second = await app.NewMemberAsync();
        var firstApi = await app.ApiClientAsync(first);
        var secondApi = await app.ApiClientAsync(second);
        await firstApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = true });
        await secondApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });

        var mine = (await (await secondApi.GetAsync("/api/v1/me/runs")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs").EnumerateArray().ToList();
        var entry = Assert.Single(mine, r => r.GetProperty("run").GetProperty("id").GetInt32() == run.Id);
        Assert.Equal("waitlisted", entry.GetProperty("status").GetString());
        Assert.Equal(1, entry.GetProperty("waitlistPosition").GetInt32());
        Assert.False(entry.GetProperty("firstTime").GetBoolean()); // their own flag, not the first member's
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/runs")).StatusCode);
    }

    [Fact]
    public async Task On_the_run_page_a_member_says_they_usually_come_and_can_stop()
    {
        var series = await SeriesAsync("peterborough");
        var runId = (await UpcomingRunIdsAsync(series.Id))[2];
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var page = await browser.GetPageAsync($"/runs/{runId}");
        Assert.Contains("This run is part of a series", page.Body!.TextContent);

        var response = await browser.PostFormAsync($"/runs/{runId}", new Dictionary<string, string>(), formSelector: "form[action*=UsuallyCome]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SeriesRsvps.AnyAsync(s => s.SeriesId == series.Id && s.Member!.Email == email)));
        var after = await browser.GetPageAsync($"/runs/{runId}");
        Assert.Contains("You're down for every run of this series", after.Body!.TextContent);

        await browser.PostFormAsync($"/runs/{runId}", new Dictionary<string, string>(), formSelector: "form[action*=StopUsuallyComing]");
        Assert.False(await app.WithDbAsync(db => db.SeriesRsvps.AnyAsync(s => s.SeriesId == series.Id && s.Member!.Email == email)));
    }
}
