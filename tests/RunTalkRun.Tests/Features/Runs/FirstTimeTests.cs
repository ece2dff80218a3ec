using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>
/// "First time" means "hasn't been to a run of this group yet": the member's own tick, kept whatever
/// runs they drop, and the registers of the group's earlier runs. Leaders see it on the run the person
/// actually comes to first; the export says the same.
/// </summary>
public class FirstTimeTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";

    Task<RunSeries> SeriesAsync() => app.WithDbAsync(db =>
        db.RunSeries.Include(s => s.Group).Where(s => s.Group!.Slug == Slug && !s.IsVirtual && s.EndsOn == null).OrderBy(s => s.Id).FirstAsync());

    Task<List<int>> UpcomingRunIdsAsync(int seriesId) => app.WithDbAsync(db =>
    {
        var now = app.Clock.GetCurrentInstant();
        return db.Runs.Where(r => r.SeriesId == seriesId && r.StartsAt > now && r.Status == RunStatus.Scheduled).OrderBy(r => r.StartsAt).Select(r => r.Id).ToListAsync();
    });

    /// <summary>The leader's "who's coming" row for this nickname: "First time – say hello" or "No".</summary>
    async Task<string> LeaderSeesAsync(int runId, string nick)
    {
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var page = await leader.GetPageAsync($"/runs/{runId}/whos-coming");
        return page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(nick)).QuerySelectorAll("td")[1].TextContent.Trim();
    }

    async Task<bool> LeaderApiSaysFirstTimeAsync(int runId, string nick)
    {
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{runId}/attendees");
        return list.EnumerateArray().Single(a => a.GetProperty("nickname").GetString() == nick).GetProperty("firstTime").GetBoolean();
    }

    static async Task<Dictionary<int, bool>> ExportedFirstTimeAsync(HttpClient api)
    {
        var data = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/data");
        return data.GetProperty("rsvps").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetInt32(), r => r.GetProperty("firstTime").GetBoolean());
    }

    [Fact]
    public async Task Ticking_first_time_then_usually_coming_then_dropping_that_run_keeps_the_flag_on_the_next_run()
    {
        var series = await SeriesAsync();
        var upcoming = await UpcomingRunIdsAsync(series.Id);
        var nick = $"Newbie-{Guid.NewGuid():N}"[..14];
        var email = await app.NewMemberAsync(nick);
        var api = await app.ApiClientAsync(email);

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{upcoming[0]}/rsvp", new { firstTime = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/series/{series.Id}/rsvp", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/runs/{upcoming[0]}/rsvp")).StatusCode);

        Assert.Equal("First time – say hello", await LeaderSeesAsync(upcoming[1], nick));
        Assert.True(await LeaderApiSaysFirstTimeAsync(upcoming[1], nick));
        var exported = await ExportedFirstTimeAsync(api);
        Assert.DoesNotContain(upcoming[0], exported.Keys);
        Assert.All(upcoming.Skip(1), id => Assert.True(exported[id], $"run {id} is still before their first"));

        // The member's own page says the same.
        var page = await (await app.SignedInAsync(email)).GetPageAsync($"/runs/{upcoming[1]}");
        Assert.Contains("it's your first time", page.Body!.TextContent);
    }

    [Fact]
    public async Task Someone_who_has_been_to_a_run_of_the_group_is_not_a_first_timer_even_if_they_tick_it()
    {
        var nick = $"Been-{Guid.NewGuid():N}"[..12];
        var email = await app.NewMemberAsync(nick);
        var memberId = await app.MemberIdAsync(email);
        var past = await app.PastRunAsync(Slug);
        await app.WithDbAsync(async db =>
        {
            db.RegisterEntries.Add(new RegisterEntry { RunId = past.Id, MemberId = memberId, Present = true, UpdatedAt = app.Clock.GetCurrentInstant() - Duration.FromDays(1) });
            return await db.SaveChangesAsync();
        });
        var next = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var api = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/runs/{next.Id}/rsvp", new { firstTime = true })).StatusCode);

        Assert.Equal("No", await LeaderSeesAsync(next.Id, nick));
        Assert.False(await LeaderApiSaysFirstTimeAsync(next.Id, nick));
        Assert.False((await ExportedFirstTimeAsync(api))[next.Id]);
        var page = await (await app.SignedInAsync(email)).GetPageAsync($"/runs/{next.Id}");
        Assert.DoesNotContain("it's your first time", page.Body!.TextContent);
    }

    [Fact]
    public async Task Being_at_a_run_of_another_group_or_ticked_but_not_there_still_counts_as_a_first_time_here()
    {
        var nick = $"Other-{Guid.NewGuid():N}"[..13];
        var email = await app.NewMemberAsync(nick);
        var memberId = await app.MemberIdAsync(email);
        var elsewhere = await app.PastRunAsync("brighton");
        var missed = await app.NewRunAsync(Slug, TimeSpan.FromDays(2));
        var next = await app.NewRunAsync(Slug, TimeSpan.FromDays(4));
        await app.WithDbAsync(async db =>
        {
            db.RegisterEntries.Add(new RegisterEntry { RunId = elsewhere.Id, MemberId = memberId, Present = true, UpdatedAt = app.Clock.GetCurrentInstant() - Duration.FromDays(1) });
            return await db.SaveChangesAsync();
        });
        var api = await app.ApiClientAsync(email);
        await api.PostAsJsonAsync($"/api/v1/runs/{missed.Id}/rsvp", new { firstTime = true });
        await api.PostAsJsonAsync($"/api/v1/runs/{next.Id}/rsvp", new { firstTime = false });

        Assert.Equal("First time – say hello", await LeaderSeesAsync(missed.Id, nick));
        Assert.Equal("First time – say hello", await LeaderSeesAsync(next.Id, nick));

        // Once the register shows them at the earlier run, the later one is no longer a first time.
        await app.WithDbAsync(async db =>
        {
            db.RegisterEntries.Add(new RegisterEntry { RunId = missed.Id, MemberId = memberId, Present = true, FirstTime = true, UpdatedAt = app.Clock.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });
        Assert.Equal("First time – say hello", await LeaderSeesAsync(missed.Id, nick));
        Assert.Equal("No", await LeaderSeesAsync(next.Id, nick));
    }

    [Fact]
    public async Task The_register_shows_the_same_first_timers_as_who_is_coming()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromMinutes(10)); // the register is open
        var newNick = $"New-{Guid.NewGuid():N}"[..11];
        var beenNick = $"Back-{Guid.NewGuid():N}"[..12];
        var newcomer = await app.NewMemberAsync(newNick);
        var regular = await app.NewMemberAsync(beenNick);
        var regularId = await app.MemberIdAsync(regular);
        var past = await app.PastRunAsync(Slug);
        await app.WithDbAsync(async db =>
        {
            db.RegisterEntries.Add(new RegisterEntry { RunId = past.Id, MemberId = regularId, Present = true, UpdatedAt = app.Clock.GetCurrentInstant() - Duration.FromDays(1) });
            return await db.SaveChangesAsync();
        });
        await app.RsvpAsync(run.Id, newcomer, TimeSpan.FromDays(1), firstTime: true);
        await app.RsvpAsync(run.Id, regular, TimeSpan.FromDays(1), firstTime: true);

        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var page = await leader.GetPageAsync($"/runs/{run.Id}/register");
        var lines = page.QuerySelectorAll("label").Where(l => l.TextContent.Contains(newNick) || l.TextContent.Contains(beenNick)).ToList();
        Assert.Contains("First time", lines.Single(l => l.TextContent.Contains(newNick)).TextContent);
        Assert.DoesNotContain("First time", lines.Single(l => l.TextContent.Contains(beenNick)).TextContent);

        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));
        var register = await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{run.Id}/register");
        var byName = register.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("firstTime").GetBoolean());
        Assert.True(byName[newNick]);
        Assert.False(byName[beenNick]);
    }
}
