using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Calendars;

/// <summary>The feeds are read back with ical.js, a real iCalendar parser, not by string matching.</summary>
public class CalendarFeedTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<JsonElement> FeedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return await IcalJs.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    static IEnumerable<JsonElement> Events(JsonElement cal) => cal.GetProperty("events").EnumerateArray();

    [Theory]
    [InlineData("london-city", "Europe/London", "19:00")]
    [InlineData("los-angeles", "America/Los_Angeles", "08:00")]
    [InlineData("brisbane", "Australia/Brisbane", "06:30")]
    public async Task A_group_feed_has_its_runs_at_local_time_with_a_vtimezone(string slug, string zone, string localTime)
    {
        var cal = await FeedAsync(app.CreateClient(), $"/groups/{slug}/calendar.ics");
        Assert.Equal("2.0", cal.GetProperty("version").GetString());
        Assert.Equal([zone], cal.GetProperty("timezones").EnumerateArray().Select(t => t.GetString()));
        var events = Events(cal).ToList();
        Assert.True(events.Count >= 8, $"only {events.Count} events");
        var tz = DateTimeZoneProviders.Tzdb[zone];
        foreach (var e in events)
        {
            Assert.Equal(zone, e.GetProperty("tzid").GetString());
            Assert.EndsWith($"T{localTime}:00", e.GetProperty("startLocal").GetString());
            // ical.js's own reading of the instant agrees with the tz database.
            var utc = Instant.FromDateTimeOffset(DateTimeOffset.Parse(e.GetProperty("startUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(localTime, utc.InZone(tz).TimeOfDay.ToString("HH:mm", null));
            Assert.StartsWith("run-", e.GetProperty("uid").GetString());
            Assert.Contains("/runs/", e.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task A_cancelled_run_carries_status_cancelled_and_its_reason()
    {
        var run = await app.CancelledRunAsync();
        var cal = await FeedAsync(app.CreateClient(), $"/groups/{run.Group!.Slug}/calendar.ics");
        var e = Events(cal).Single(x => x.GetProperty("uid").GetString() == $"run-{run.Id}@runtalkrun");
        Assert.Equal("CANCELLED", e.GetProperty("status").GetString());
        Assert.StartsWith("Cancelled:", e.GetProperty("summary").GetString());
        Assert.Contains("Our leader is away", e.GetProperty("description").GetString());
        var others = Events(cal).Where(x => x.GetProperty("uid").GetString() != $"run-{run.Id}@runtalkrun");
        Assert.All(others, x => Assert.Equal("CONFIRMED", x.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Local_times_hold_across_a_daylight_saving_change_in_the_feed()
    {
        // A London series that spans the clocks going back on 25 October 2026.
        int groupId = 0;
        await app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Slug == "brighton");
            groupId = group.Id;
            var series = new RunSeries { GroupId = group.Id, Title = "Autumn test series", DayOfWeek = IsoDayOfWeek.Thursday, LocalTime = new TimeOnly(19, 0), StartsOn = new DateOnly(2026, 10, 15), EndsOn = new DateOnly(2026, 11, 5) };
            db.RunSeries.Add(series);
            await db.SaveChangesAsync();
            foreach (var (date, at) in series.Occurrences(new LocalDate(2026, 10, 1), new LocalDate(2026, 11, 30), group.Zone))
                db.Runs.Add(Run.FromSeries(series, date, at));
            return await db.SaveChangesAsync();
        });
        var ids = await app.WithDbAsync(db => db.Runs.Where(r => r.Title == "Autumn test series").Select(r => r.Id).ToListAsync());
        var client = app.CreateClient();
        var byUid = new Dictionary<string, JsonElement>();
        foreach (var id in ids)
        {
            var cal = await FeedAsync(client, $"/runs/{id}/calendar.ics");
            var e = Events(cal).Single();
            byUid[e.GetProperty("startLocal").GetString()!] = e;
        }
        Assert.Equal("2026-10-22T18:00:00.000Z", byUid["2026-10-22T19:00:00"].GetProperty("startUtc").GetString()); // BST
        Assert.Equal("2026-10-29T19:00:00.000Z", byUid["2026-10-29T19:00:00"].GetProperty("startUtc").GetString()); // GMT
        Assert.Equal(4, byUid.Count);
    }

    [Fact]
    public async Task A_members_private_feed_follows_their_rsvps_and_a_new_address_revokes_the_old()
    {
        var email = await app.NewMemberAsync("Calendar keeper");
        var browser = await app.SignedInAsync(email);
        var run = await app.NextRunAsync("brisbane", skip: 2);
        await browser.PostFormAsync($"/runs/{run.Id}", new Dictionary<string, string>(), formSelector: "form[action*=ImComing]");

        var made = await browser.PostFormAsync("/my-runs", new Dictionary<string, string>(), formSelector: "form[action*='NewCalendarLink']");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var page = await browser.GetPageAsync("/my-runs");
        var url = new Uri(page.Text(".feed-url"));
        Assert.StartsWith("webcal://", page.QuerySelector("a[href^='webcal:']")!.GetAttribute("href"));

        var cal = await FeedAsync(app.CreateClient(), url.PathAndQuery);
        Assert.Equal([$"run-{run.Id}@runtalkrun"], Events(cal).Select(e => e.GetProperty("uid").GetString()));

        // Dropping out takes the run out of the feed.
        await browser.PostFormAsync($"/runs/{run.Id}", new Dictionary<string, string>(), formSelector: "form[action*=CantMakeIt]");
        Assert.Empty(Events(await FeedAsync(app.CreateClient(), url.PathAndQuery)));

        await browser.PostFormAsync("/my-runs", new Dictionary<string, string>(), formSelector: "form[action*='NewCalendarLink']");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(url.PathAndQuery)).StatusCode);
        var newUrl = new Uri((await browser.GetPageAsync("/my-runs")).Text(".feed-url"));
        Assert.NotEqual(url, newUrl);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(newUrl.PathAndQuery)).StatusCode);
    }

    [Theory]
    [InlineData("/calendar/not-a-real-token-at-all-0000.ics")]
    [InlineData("/calendar/x.ics")]
    [InlineData("/calendar/%27%20OR%201%3D1%20--aaaaaaaaaaaaaaaaaa.ics")]
    [InlineData("/groups/atlantis/calendar.ics")]
    [InlineData("/runs/999999/calendar.ics")]
    public async Task Unknown_feeds_are_not_found(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_group_feed_shows_no_one_and_the_run_page_offers_add_to_calendar()
    {
        var run = await app.NextRunAsync("peterborough");
        var text = await app.CreateClient().GetStringAsync("/groups/peterborough/calendar.ics");
        Assert.DoesNotContain("ATTENDEE", text);
        Assert.DoesNotContain("example.org", text);
        var page = await app.Browser().GetPageAsync($"/runs/{run.Id}");
        Assert.NotNull(page.QuerySelector($"a[href='/runs/{run.Id}/calendar.ics']"));
    }
}
