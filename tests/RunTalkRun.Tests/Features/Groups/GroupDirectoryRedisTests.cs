using System.Net;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

/// <summary>With Redis, a change saved on one instance reaches every instance's find page at once, not within a minute.</summary>
public class GroupDirectoryRedisTests
{
    [Fact]
    public async Task A_group_set_live_on_one_instance_is_found_at_once_on_another()
    {
        await using var first = new AppFactory().With("Redis:Configuration", "127.0.0.1:6379");
        await using var second = AppFactory.SharingDatabaseWith(first).With("Redis:Configuration", "127.0.0.1:6379");
        var slug = await first.WithDbAsync(async db =>
        {
            var group = new Group { Slug = "york-minster", Name = "York Minster", Town = "York", Country = "GB", TimeZoneId = "Europe/London", Latitude = 53.962, Longitude = -1.082, Status = GroupStatus.Launching };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Slug;
        });
        var elsewhere = second.Browser(); // signed out: the second instance keeps its answer in its output cache
        Assert.Null((await elsewhere.GetPageAsync("/groups?q=York")).QuerySelector($"main .cards a[href='/groups/{slug}']"));

        var hq = await first.SignedInAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await hq.PostFormAsync("/hq", new Dictionary<string, string> { ["Slug"] = slug }, $"form:has(input[value='{slug}'])")).StatusCode);

        // The news travels through Redis: a moment, never the minute the caches would otherwise keep.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if ((await elsewhere.GetPageAsync("/groups?q=York")).QuerySelector($"main .cards a[href='/groups/{slug}']") is not null) break;
            Assert.True(DateTime.UtcNow < deadline, "the other instance still doesn't find the group");
            await Task.Delay(100);
        }
    }
}
