using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class GroupDirectoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    static async Task<string> FirstCardText(HttpClient client, string place) =>
        (await client.GetPageAsync($"/groups?q={place}")).QuerySelector("main .cards .card")!.TextContent;

    [Fact]
    public async Task A_cancelled_or_moved_run_leaves_the_find_page_at_once()
    {
        // Signed in, so the page is never served from the output cache: what is shown is the directory's.
        var member = await app.SignedInAsync(await app.NewMemberAsync());
        var leader = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brisbane"));
        var next = await app.NextRunAsync("brisbane");
        var zone = DateTimeZoneProviders.Tzdb["Australia/Brisbane"];
        var when = next.LocalStart(zone).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains(when, await FirstCardText(member, "Brisbane"));

        var cancelled = await leader.PatchAsync($"/api/v1/runs/{next.Id}", JsonContent.Create(new { status = "cancelled", cancelReason = "Storms" }));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await FirstCardText(member, "Brisbane");
        Assert.DoesNotContain(when, after);
        var following = await app.NextRunAsync("brisbane");
        Assert.Contains(following.LocalStart(zone).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), after);
    }

    [Fact]
    public async Task A_group_that_goes_live_is_found_at_once_whatever_the_capitals()
    {
        var slug = await app.WithDbAsync(async db =>
        {
            var group = new Group { Slug = "york-riverside", Name = "York Riverside", Town = "York", Country = "GB", TimeZoneId = "Europe/London", Latitude = 53.96, Longitude = -1.08, Status = GroupStatus.Launching };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Slug;
        });
        var anyone = app.Browser(); // signed out: the answers the output cache keeps
        foreach (var q in new[] { "York", "york" })
            Assert.Null((await anyone.GetPageAsync($"/groups?q={q}")).QuerySelector($"main .cards a[href='/groups/{slug}']"));

        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await hq.PostFormAsync("/hq", new Dictionary<string, string> { ["Slug"] = slug }, $"form:has(input[value='{slug}'])")).StatusCode);

        foreach (var q in new[] { "York", "york", "YORK", " york " })
        {
            var page = await anyone.GetPageAsync($"/groups?q={Uri.EscapeDataString(q)}");
            Assert.Equal("Runs near York, England, United Kingdom", page.Text("#results-title"));
            Assert.NotNull(page.QuerySelector($"main .cards a[href='/groups/{slug}']"));
        }
    }

    [Fact]
    public async Task The_directory_and_the_database_give_the_same_nearest_groups()
    {
        var directory = app.Services.GetRequiredService<RunTalkRun.Features.Groups.GroupDirectory>();
        foreach (var (lat, lon) in new[] { (52.57, -0.24), (51.5, -0.12), (34.05, -118.24), (-27.47, 153.02), (0.0, 0.0), (64.1, -21.9) })
        {
            var fromMemory = (await directory.WithinAsync(lat, lon, 500)).Select(f => f.Entry.Group.Slug).ToList();
            var fromDb = await app.WithDbAsync(async db => (await RunTalkRun.Features.Places.NearbyGroups.WithinAsync(db, lat, lon, 500)).Select(g => g.Group.Slug).ToList());
            Assert.Equal(fromDb, fromMemory);
        }
        var nearest = await directory.NearestAsync(0, 0, 3);
        Assert.Equal(3, nearest.Count);
    }
}
