using System.Net;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>HQ's overview: groups by status and country with their leaders, applications waiting, runs with no leader this week.</summary>
public class HqOverviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task HQ_sees_groups_by_status_and_country_applications_waiting_and_runs_without_a_leader()
    {
        var run = await app.NewRunAsync("brisbane", TimeSpan.FromDays(3));
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var page = await hq.GetPageAsync("/hq");
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("1 waiting for HQ", main); // the demo's application from Norwich
        Assert.NotNull(page.QuerySelector($"a[href='/groups/brisbane/roster#run-{run.Id}']"));
        var live = page.QuerySelectorAll("h2").Single(h => h.TextContent.StartsWith("Live"));
        Assert.Contains("(8)", live.TextContent);
        Assert.Contains(page.QuerySelectorAll("h3"), h => h.TextContent.StartsWith("Australia"));
        var peterborough = page.QuerySelector("a[href='/groups/peterborough']")!.Closest("tr")!;
        Assert.Equal("1", peterborough.Children[1].TextContent.Trim()); // one organiser
    }

    [Fact]
    public async Task HQ_sets_a_launching_group_live_from_the_overview()
    {
        var slug = await app.WithDbAsync(async db =>
        {
            var group = new Group { Slug = "st-ives", Name = "St Ives", Town = "St Ives", Country = "GB", TimeZoneId = "Europe/London", Latitude = 50.21, Longitude = -5.48, Status = GroupStatus.Launching };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Slug;
        });
        Assert.DoesNotContain(slug, await (await app.Browser().GetAsync("/api/v1/groups")).Content.ReadAsStringAsync()); // launching: not listed
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var response = await hq.PostFormAsync("/hq", new Dictionary<string, string> { ["Slug"] = slug }, $"form:has(input[value='{slug}'])");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(GroupStatus.Active, await app.WithDbAsync(db => db.Groups.Where(g => g.Slug == slug).Select(g => g.Status).SingleAsync()));
        Assert.Contains(slug, await (await app.Browser().GetAsync("/api/v1/groups")).Content.ReadAsStringAsync());
        Assert.Contains(slug, (await app.Browser().GetPageAsync("/groups?q=St+Ives")).QuerySelector("main")!.TextContent.ToLowerInvariant().Replace(' ', '-'));
    }

    [Fact]
    public async Task A_moderator_or_safeguarding_lead_does_not_see_the_overview()
    {
        foreach (var email in new[] { DemoCommunity.ModeratorEmail, DemoCommunity.SafeguardingEmail })
        {
            var response = await (await app.SignedInAsync(email)).GetAsync("/hq");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("This page is for HQ's admins", Pages.Parse(await response.Content.ReadAsStringAsync()).Body!.TextContent);
        }
    }
}
