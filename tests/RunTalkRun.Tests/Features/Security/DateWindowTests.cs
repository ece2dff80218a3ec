using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Every date the API and the forms take is kept to a sensible window (Shared/DateWindow): 9999-12-31 and
/// 0001-01-01 get a clear 400 naming the field (API) or a message beside the field with what was typed kept (pages),
/// and nothing is saved; a date just inside the window is taken, and the pages it feeds still work.
/// </summary>
public class DateWindowTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";
    static readonly string[] OutOfWindow = ["9999-12-31", "0001-01-01"];
    static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");
    /// <summary>Just inside two years ahead (a day's margin for the group's time zone).</summary>
    static string LatestPlanned => DateTime.UtcNow.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd");
    static string Tomorrow => DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");

    Task<HttpClient> LeaderApiAsync() => app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));

    static async Task AssertInvalidAsync(HttpResponseMessage response, string field, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{what}: no error for {field} in {problem}");
    }

    [Fact]
    public async Task A_runs_new_start_must_be_from_now_to_two_years_ahead_and_its_calendar_still_works()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var api = await LeaderApiAsync();
        foreach (var startsAt in new[] { "9999-12-31T23:59:59", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00", "0001-01-01T00:00:00+14:00" })
            await AssertInvalidAsync(await api.PatchAsJsonAsync($"/api/v1/runs/{run.Id}", new { startsAt }), "startsAt", startsAt);
        Assert.Equal(run.StartsAt.ToDateTimeUtc(), (await app.WithDbAsync(db => db.Runs.SingleAsync(r => r.Id == run.Id))).StartsAt.ToDateTimeUtc(), TimeSpan.FromSeconds(1));

        var inside = await api.PatchAsJsonAsync($"/api/v1/runs/{run.Id}", new { startsAt = $"{LatestPlanned}T19:00" });
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var calendar = await app.CreateClient().GetAsync($"/runs/{run.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Contains("BEGIN:VEVENT", await calendar.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_run_manage_page_shows_a_date_out_of_the_window_beside_the_field_and_keeps_it()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var browser = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        foreach (var date in OutOfWindow)
        {
            var response = await browser.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string> { ["Input.Date"] = date, ["Input.Time"] = "19:00" }, action: $"/runs/{run.Id}/manage?handler=Change");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Pages.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotEmpty(page.Text("#Input_Date-error"));
            Assert.Equal(date, page.QuerySelector("#Input_Date")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Date']"));
        }
        var inside = await browser.PostFormAsync($"/runs/{run.Id}/manage", new Dictionary<string, string> { ["Input.Date"] = LatestPlanned, ["Input.Time"] = "19:00" }, action: $"/runs/{run.Id}/manage?handler=Change");
        Assert.Equal(HttpStatusCode.Redirect, inside.StatusCode);
    }

    [Fact]
    public async Task A_series_start_and_end_must_be_from_today_to_two_years_ahead_through_the_api()
    {
        var api = await LeaderApiAsync();
        object Series(string startsOn, string? endsOn = null) => new { title = "Window check", dayOfWeek = "monday", localTime = "07:00", startsOn, endsOn };
        foreach (var date in OutOfWindow.Append("9999-12-01"))
        {
            await AssertInvalidAsync(await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", Series(date)), "startsOn", $"startsOn {date}");
            await AssertInvalidAsync(await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", Series(Tomorrow, date)), "endsOn", $"endsOn {date}");
        }
        Assert.False(await app.WithDbAsync(db => db.RunSeries.AnyAsync(s => s.Title == "Window check")));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", Series(Tomorrow, LatestPlanned))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/series", Series(LatestPlanned))).StatusCode);

        // Ending a series: its last day in the same window.
        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.Title == "Window check"));
        foreach (var date in OutOfWindow)
            await AssertInvalidAsync(await api.PatchAsJsonAsync($"/api/v1/series/{series.Id}", new { endsOn = date }), "endsOn", $"ending on {date}");
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsJsonAsync($"/api/v1/series/{series.Id}", new { endsOn = LatestPlanned })).StatusCode);
    }

    [Fact]
    public async Task The_new_series_and_end_series_forms_show_a_date_out_of_the_window_beside_the_field_and_keep_it()
    {
        var browser = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        Dictionary<string, string> Form(string startsOn, string endsOn = "") => new()
        {
            ["Input.Title"] = "Form window check", ["Input.Frequency"] = "weekly", ["Input.DayOfWeek"] = "tuesday", ["Input.LocalTime"] = "07:00",
            ["Input.StartsOn"] = startsOn, ["Input.EndsOn"] = endsOn, ["Input.ApproxDistanceKm"] = "5",
        };
        foreach (var date in OutOfWindow)
        {
            foreach (var (field, form) in new[] { ("StartsOn", Form(date)), ("EndsOn", Form(Tomorrow, date)) })
            {
                var response = await browser.PostFormAsync($"/groups/{Slug}/series/new", form);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = Pages.Parse(await response.Content.ReadAsStringAsync());
                Assert.NotEmpty(page.Text($"#Input_{field}-error"));
                Assert.Equal(date, page.QuerySelector($"#Input_{field}")!.GetAttribute("value"));
            }
        }
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/groups/{Slug}/series/new", Form(LatestPlanned))).StatusCode);

        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => s.Title == "Form window check"));
        foreach (var date in OutOfWindow)
        {
            var response = await browser.PostFormAsync($"/groups/{Slug}/manage", new Dictionary<string, string> { ["End.SeriesId"] = series.Id.ToString(), ["End.EndsOn"] = date },
                formSelector: $"form:has(input[name='End.SeriesId'][value='{series.Id}'])");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Pages.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotEmpty(page.Text("#End_EndsOn-error"));
            Assert.Equal(date, page.QuerySelector("#End_EndsOn")!.GetAttribute("value"));
        }
        Assert.Null((await app.WithDbAsync(db => db.RunSeries.SingleAsync(s => s.Id == series.Id))).EndsOn);
    }

    [Fact]
    public async Task Training_dates_are_since_1950_and_not_in_the_future_and_run_out_within_ten_years()
    {
        var email = await app.NewMemberAsync("Trainer");
        var api = await app.ApiClientAsync(email);
        object Record(string takenOn, string? expiresOn = null) => new { course = "first-aid", takenOn, expiresOn };
        foreach (var date in OutOfWindow.Append("1949-12-31"))
            await AssertInvalidAsync(await api.PostAsJsonAsync("/api/v1/me/training", Record(date)), "takenOn", $"takenOn {date}");
        foreach (var date in OutOfWindow.Append(DateTime.UtcNow.AddYears(10).AddDays(2).ToString("yyyy-MM-dd")))
            await AssertInvalidAsync(await api.PostAsJsonAsync("/api/v1/me/training", Record(Today, date)), "expiresOn", $"expiresOn {date}");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/me/training", Record("1950-01-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/me/training", Record(Today, DateTime.UtcNow.AddYears(10).AddDays(-1).ToString("yyyy-MM-dd")))).StatusCode);

        var browser = await app.SignedInAsync(email);
        foreach (var (field, form) in new[]
        {
            ("TakenOn", new Dictionary<string, string> { ["Input.Course"] = "first-aid", ["Input.TakenOn"] = "9999-12-31", ["Input.ExpiresOn"] = "" }),
            ("TakenOn", new Dictionary<string, string> { ["Input.Course"] = "first-aid", ["Input.TakenOn"] = "0001-01-01", ["Input.ExpiresOn"] = "" }),
            ("ExpiresOn", new Dictionary<string, string> { ["Input.Course"] = "first-aid", ["Input.TakenOn"] = Today, ["Input.ExpiresOn"] = "9999-12-31" }),
            ("ExpiresOn", new Dictionary<string, string> { ["Input.Course"] = "first-aid", ["Input.TakenOn"] = Today, ["Input.ExpiresOn"] = "0001-01-01" }),
        })
        {
            var response = await browser.PostFormAsync("/account/training", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Pages.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotEmpty(page.Text($"#Input_{field}-error"));
            Assert.Equal(form[$"Input.{field}"], page.QuerySelector($"#Input_{field}")!.GetAttribute("value"));
        }
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(2, await app.WithDbAsync(db => db.TrainingRecords.CountAsync(t => t.MemberId == memberId)));
    }

    [Fact]
    public async Task A_search_for_runs_looks_from_a_year_back_to_two_years_ahead()
    {
        var client = app.CreateClient();
        const string near = "near=52.5695,-0.2405";
        foreach (var date in OutOfWindow.Concat(["9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]))
        {
            await AssertInvalidAsync(await client.GetAsync($"/api/v1/runs?{near}&from={Uri.EscapeDataString(date)}"), "from", $"from {date}");
            await AssertInvalidAsync(await client.GetAsync($"/api/v1/runs?{near}&to={Uri.EscapeDataString(date)}"), "to", $"to {date}");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/runs?{near}&from={LatestPlanned}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/runs?{near}&from={DateTime.UtcNow.AddYears(-1).AddDays(1):yyyy-MM-dd}&to={DateTime.UtcNow.AddYears(-1).AddDays(20):yyyy-MM-dd}")).StatusCode);
    }
}
