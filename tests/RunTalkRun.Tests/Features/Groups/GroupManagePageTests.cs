using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class GroupManagePageTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "milton-keynes";
    static string Leader => DemoCommunity.LeaderEmail(Slug);

    [Fact]
    public async Task Only_the_groups_leaders_see_the_manage_link()
    {
        var leader = await app.SignedInAsync(Leader);
        Assert.NotNull((await leader.GetPageAsync($"/groups/{Slug}")).QuerySelector($"a[href='/groups/{Slug}/manage']"));
        var member = await app.SignedInAsync(await app.NewMemberAsync(groupSlug: Slug));
        Assert.Null((await member.GetPageAsync($"/groups/{Slug}")).QuerySelector($"a[href='/groups/{Slug}/manage']"));
        Assert.Null((await app.Browser().GetPageAsync($"/groups/{Slug}")).QuerySelector($"a[href='/groups/{Slug}/manage']"));
    }

    [Fact]
    public async Task A_leader_adds_a_meeting_point_and_a_mistake_keeps_what_was_typed()
    {
        var leader = await app.SignedInAsync(Leader);
        var url = $"/groups/{Slug}/meeting-points/new";
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Campbell Park", ["Input.Address"] = "Silbury Boulevard, MK9", ["Input.Coordinates"] = "-0.7490, 52.0430",
            ["Input.StepFree"] = "true", ["Input.BuggyFriendly"] = "true", ["Input.AccessibilityNotes"] = "Gentle slope from the car park.",
        };
        var response = await leader.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Error:", page.Title);
        Assert.Equal("#Input_Coordinates", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Contains("latitude (north–south) comes first", page.Text("#Input_Coordinates-error"));
        Assert.Equal("Campbell Park", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("-0.7490, 52.0430", page.QuerySelector("#Input_Coordinates")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Input_BuggyFriendly")!.HasAttribute("checked"));
        Assert.Equal("Gentle slope from the car park.", page.QuerySelector("#Input_AccessibilityNotes")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.MeetingPoints.AnyAsync(m => m.Name == "Campbell Park")));

        fields["Input.Coordinates"] = "52.0430, -0.7490";
        response = await leader.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var point = await app.WithDbAsync(db => db.MeetingPoints.SingleAsync(m => m.Name == "Campbell Park"));
        Assert.True(point.StepFree && point.BuggyFriendly && !point.WheelchairFriendly && !point.IsBase);
        Assert.Equal(52.043, point.Latitude, 6);

        var manage = await leader.GetPageAsync($"/groups/{Slug}/manage");
        Assert.Contains("Campbell Park", manage.Body!.TextContent);
        Assert.Contains("Buggy friendly", manage.Body!.TextContent);

        // Remove it again from its own page.
        response = await leader.PostFormAsync($"/groups/{Slug}/meeting-points/{point.Id}", new Dictionary<string, string>(), formSelector: "form[action*='Delete']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MeetingPoints.AnyAsync(m => m.Id == point.Id)));
    }

    [Fact]
    public async Task Removing_the_base_says_why_not_and_keeps_it()
    {
        var leader = await app.SignedInAsync(Leader);
        var basePoint = await app.WithDbAsync(db => db.MeetingPoints.SingleAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == Slug) && m.IsBase));
        var response = await leader.PostFormAsync($"/groups/{Slug}/meeting-points/{basePoint.Id}", new Dictionary<string, string>(), formSelector: "form[action*='Delete']");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Make another meeting point the base first", page.Text(".error-summary"));
        Assert.Equal(basePoint.Name, page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.True(await app.WithDbAsync(db => db.MeetingPoints.AnyAsync(m => m.Id == basePoint.Id)));
    }

    [Fact]
    public async Task A_leader_starts_a_monthly_series_in_local_time_and_mistakes_keep_what_was_typed()
    {
        var leader = await app.SignedInAsync(Leader);
        var url = $"/groups/{Slug}/series/new";
        var form = await leader.GetPageAsync(url);
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("#Input_StartsOn")!.GetAttribute("value")), "the first date is filled in");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "First Sunday chat", ["Input.Frequency"] = "monthly", ["Input.DayOfWeek"] = "sunday", ["Input.WeekOfMonth"] = "",
            ["Input.LocalTime"] = "25:00", ["Input.StartsOn"] = "2020-01-01", ["Input.ApproxDistanceKm"] = "five",
        };
        var response = await leader.PostFormAsync(url, fields);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#Input_WeekOfMonth-error"));
        Assert.NotNull(page.QuerySelector("#Input_LocalTime-error"));
        Assert.NotNull(page.QuerySelector("#Input_ApproxDistanceKm-error"));
        Assert.Equal("First Sunday chat", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Input_Frequency_monthly")!.HasAttribute("checked"));
        Assert.Equal("25:00", page.QuerySelector("#Input_LocalTime")!.GetAttribute("value"));

        fields["Input.WeekOfMonth"] = "1"; fields["Input.LocalTime"] = "10:00"; fields["Input.ApproxDistanceKm"] = "5";
        page = Pages.Parse(await (await leader.PostFormAsync(url, fields)).Content.ReadAsStringAsync());
        Assert.Contains("can't be in the past", page.Text("#Input_StartsOn-error"));
        Assert.False(await app.WithDbAsync(db => db.RunSeries.AnyAsync(s => s.Title == "First Sunday chat")));

        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        fields["Input.StartsOn"] = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date.PlusDays(1).ToString("uuuu-MM-dd", null);
        response = await leader.PostFormAsync(url, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var series = await app.WithDbAsync(db => db.RunSeries.SingleAsync(s => s.Title == "First Sunday chat"));
        Assert.Equal("FREQ=MONTHLY;BYDAY=1SU", series.RecurrenceRule);
        var runs = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == series.Id).ToListAsync());
        Assert.NotEmpty(runs);
        Assert.All(runs, r =>
        {
            var local = r.LocalStart(zone);
            Assert.Equal((IsoDayOfWeek.Sunday, 10, 0), (local.DayOfWeek, local.Hour, local.Minute));
            Assert.True(local.Day <= 7, "the first Sunday of its month");
        });
        var manage = await leader.GetPageAsync($"/groups/{Slug}/manage");
        Assert.Contains("The first Sunday of the month at 10:00", manage.Body!.TextContent);
    }

    [Fact]
    public async Task A_leader_ends_a_series_from_the_manage_page()
    {
        var leader = await app.SignedInAsync(Leader);
        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => db.Groups.Any(g => g.Id == s.GroupId && g.Slug == Slug) && s.Title.StartsWith("Saturday")));
        var before = await app.WithDbAsync(db => db.Runs.CountAsync(r => r.SeriesId == series.Id));

        var response = await leader.PostFormAsync($"/groups/{Slug}/manage", new Dictionary<string, string> { ["End.SeriesId"] = series.Id.ToString(), ["End.EndsOn"] = "yesterday" }, formSelector: "form[action*='EndSeries']");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#End_EndsOn", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("yesterday", page.QuerySelector("#End_EndsOn")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Runs.CountAsync(r => r.SeriesId == series.Id)));

        var lastDate = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == series.Id && r.StartsAt > SystemClock.Instance.GetCurrentInstant()).OrderBy(r => r.StartsAt).Select(r => r.SeriesDate).Skip(1).FirstAsync());
        response = await leader.PostFormAsync($"/groups/{Slug}/manage", new Dictionary<string, string> { ["End.SeriesId"] = series.Id.ToString(), ["End.EndsOn"] = lastDate!.Value.ToString("yyyy-MM-dd") }, formSelector: "form[action*='EndSeries']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == series.Id && r.StartsAt > SystemClock.Instance.GetCurrentInstant() && r.Status == RunStatus.Scheduled).CountAsync());
        Assert.Equal(2, after);
        Assert.Equal(lastDate, (await app.WithDbAsync(db => db.RunSeries.SingleAsync(s => s.Id == series.Id))).EndsOn);
    }

    [Fact]
    public async Task A_link_that_is_not_https_is_refused_on_the_page_and_the_text_is_kept()
    {
        var leader = await app.SignedInAsync(Leader);
        var response = await leader.PostFormAsync($"/groups/{Slug}/manage", new Dictionary<string, string>
        {
            ["Profile.About"] = "Lakeside chats.", ["Profile.WebsiteUrl"] = "javascript:alert(document.cookie)", ["Profile.InstagramUrl"] = "", ["Profile.FacebookUrl"] = "",
        }, formSelector: "form[action*='Profile']");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("starting with https://", page.Text("#Profile_WebsiteUrl-error"));
        Assert.Equal("Lakeside chats.", page.QuerySelector("#Profile_About")!.TextContent);
        Assert.Equal("javascript:alert(document.cookie)", page.QuerySelector("#Profile_WebsiteUrl")!.GetAttribute("value"));
        Assert.NotEqual("Lakeside chats.", (await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Slug == Slug))).About);
    }
}
