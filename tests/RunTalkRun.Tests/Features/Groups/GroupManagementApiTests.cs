using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class GroupManagementApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";
    static string Leader => DemoCommunity.LeaderEmail(Slug);

    static object Point(string name = "Ferry Meadows café", double lat = 52.5632, double lon = -0.3190, bool? isBase = null) => new
    {
        name, address = "Ham Lane, Peterborough PE2", latitude = lat, longitude = lon, isBase,
        hasToilets = true, hasWater = true, stepFree = true, buggyFriendly = true, wheelchairFriendly = true,
        accessibilityNotes = "Tarmac paths round the lakes.",
    };

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    Task<int> PointCount() => app.WithDbAsync(db => db.MeetingPoints.CountAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == Slug)));

    [Fact]
    public async Task A_leader_adds_changes_and_removes_a_meeting_point_and_everyone_sees_its_access()
    {
        var api = await app.ApiClientAsync(Leader);
        var created = await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points", Point());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var point = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = point.GetProperty("id").GetInt32();
        Assert.False(point.GetProperty("isBase").GetBoolean());
        var facilities = point.GetProperty("facilities").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("Buggy friendly", facilities);
        Assert.Contains("Wheelchair friendly", facilities);
        Assert.DoesNotContain("Changing rooms", facilities);

        var group = await app.Browser().GetFromJsonAsync<JsonElement>($"/api/v1/groups/{Slug}");
        Assert.Contains(group.GetProperty("meetingPoints").EnumerateArray(), m => m.GetProperty("id").GetInt32() == id);
        var page = await app.Browser().GetPageAsync($"/groups/{Slug}");
        Assert.Contains("Wheelchair friendly", page.Body!.TextContent);

        var changed = await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points/{id}", Point("Ferry Meadows visitor centre"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Ferry Meadows visitor centre", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        var removed = await api.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MeetingPoints.AnyAsync(m => m.Id == id)));
    }

    public static TheoryData<string, string> BadPoints() => new()
    {
        { """{"name":"","latitude":52.56,"longitude":-0.24}""", "name" },
        { $$"""{"name":"{{new string('x', 121)}}","latitude":52.56,"longitude":-0.24}""", "name" },
        { """{"name":"Lido","latitude":95,"longitude":-0.24}""", "coordinates" },
        { """{"name":"Lido","latitude":-0.24,"longitude":52.56}""", "coordinates" },
        { """{"name":"Lido"}""", "coordinates" },
        { $$"""{"name":"Lido","latitude":52.56,"longitude":-0.24,"address":"{{new string('a', 301)}}"}""", "address" },
        { """{"name":"The Embankment","latitude":52.56,"longitude":-0.24}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadPoints))]
    public async Task A_meeting_point_with_bad_input_is_a_validation_problem_and_nothing_is_saved(string json, string field)
    {
        var api = await app.ApiClientAsync(Leader);
        var before = await PointCount();
        var response = await api.PostAsync($"/api/v1/groups/{Slug}/meeting-points", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await PointCount());
    }

    [Theory]
    [InlineData("""{"name":"Lido","latitude":"north","longitude":-0.24}""")]
    [InlineData("""{"name":"Lido","latitude":52.5,"longitude":-0.24,"stepFree":"yes"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"name":"Lido",""")]
    public async Task A_meeting_point_of_the_wrong_shape_gets_problem_details(string json)
    {
        var api = await app.ApiClientAsync(Leader);
        var before = await PointCount();
        var response = await api.PostAsync($"/api/v1/groups/{Slug}/meeting-points", Json(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
        Assert.Equal(before, await PointCount());
    }

    [Fact]
    public async Task A_hostile_name_is_stored_as_text_and_shown_inert()
    {
        var api = await app.ApiClientAsync(Leader);
        var hostile = "<script>alert('x')</script>'; DROP TABLE MeetingPoints;--";
        var created = await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points", Point(hostile));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var html = await (await app.Browser().GetAsync($"/groups/{Slug}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
        Assert.True(await app.WithDbAsync(db => db.MeetingPoints.AnyAsync()));
        await api.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{id}");
    }

    [Fact]
    public async Task Making_another_meeting_point_the_base_moves_the_base_and_a_base_cannot_be_unset_or_removed()
    {
        var api = await app.ApiClientAsync(Leader);
        var oldBase = await app.WithDbAsync(db => db.MeetingPoints.SingleAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == Slug) && m.IsBase));

        var refused = await api.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{oldBase.Id}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("base", (await refused.ProblemAsync()).GetProperty("detail").GetString());

        var unset = await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points/{oldBase.Id}",
            new { name = oldBase.Name, latitude = oldBase.Latitude, longitude = oldBase.Longitude, isBase = false });
        Assert.Equal(HttpStatusCode.BadRequest, unset.StatusCode);
        Assert.True((await unset.ProblemAsync()).GetProperty("errors").TryGetProperty("isBase", out _));

        var created = await api.PostAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points", Point("Central Park gates", 52.5870, -0.2470, isBase: true));
        var newId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var bases = await app.WithDbAsync(db => db.MeetingPoints.Where(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == Slug) && m.IsBase).Select(m => m.Id).ToListAsync());
        Assert.Equal([newId], bases);

        // The old base is still where the weekly series starts, so it stays.
        var inUse = await api.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{oldBase.Id}");
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("series", (await inUse.ProblemAsync()).GetProperty("detail").GetString());

        // Put things back for the other tests.
        await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points/{oldBase.Id}", new { name = oldBase.Name, latitude = oldBase.Latitude, longitude = oldBase.Longitude, isBase = true, hasToilets = true, stepFree = true });
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{newId}")).StatusCode);
    }

    [Fact]
    public async Task Leaders_of_another_group_and_members_cannot_touch_a_groups_meeting_points()
    {
        var basePoint = await app.WithDbAsync(db => db.MeetingPoints.SingleAsync(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == Slug) && m.IsBase));
        var otherLeader = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brighton"));
        var member = await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug));
        foreach (var client in new[] { otherLeader, member })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points", Point())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/groups/{Slug}/meeting-points/{basePoint.Id}", Point())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/v1/groups/{Slug}/meeting-points/{basePoint.Id}")).StatusCode);
        }
        // Brighton's leader can't reach Peterborough's point through Brighton's address either.
        var sideways = await otherLeader.PutAsJsonAsync($"/api/v1/groups/brighton/meeting-points/{basePoint.Id}", Point("Taken over", 50.82, -0.13));
        Assert.Equal(HttpStatusCode.NotFound, sideways.StatusCode);
        Assert.Equal(basePoint.Name, (await app.WithDbAsync(db => db.MeetingPoints.SingleAsync(m => m.Id == basePoint.Id))).Name);
    }

    [Theory]
    [InlineData("javascript:alert(1)", "websiteUrl")]
    [InlineData("http://example.org", "websiteUrl")]
    [InlineData("https://user:pw@example.org", "websiteUrl")]
    [InlineData("https://evil.example/instagram.com", "instagramUrl")]
    [InlineData("https://instagram.com.evil.example/x", "instagramUrl")]
    [InlineData("https://www.facebook.com.evil.example/", "facebookUrl")]
    public async Task Group_links_must_be_https_and_on_the_right_site(string url, string field)
    {
        var api = await app.ApiClientAsync(Leader);
        var body = new Dictionary<string, string?> { ["about"] = "Gentle loops.", [field] = url };
        var response = await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/profile", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
        var group = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Slug == Slug));
        Assert.NotEqual("Gentle loops.", group.About);
    }

    [Fact]
    public async Task A_leader_updates_the_description_and_links_and_the_page_shows_them_as_safe_links()
    {
        var api = await app.ApiClientAsync(Leader);
        var response = await api.PutAsJsonAsync($"/api/v1/groups/{Slug}/profile", new
        {
            about = "Gentle loops along the Nene. <b>All welcome</b>.", websiteUrl = "https://example.org/peterborough",
            instagramUrl = "https://www.instagram.com/rtr_peterborough/", facebookUrl = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("links").EnumerateArray().Select(l => l.GetProperty("label").GetString()).ToList();
        Assert.Equal(["Website", "Instagram"], links);
        var page = await app.Browser().GetPageAsync($"/groups/{Slug}");
        var website = page.QuerySelector("a[href='https://example.org/peterborough']")!;
        Assert.Contains("noopener", website.GetAttribute("rel"));
        Assert.Contains("&lt;b&gt;All welcome", page.QuerySelector(".lede")!.InnerHtml);
        Assert.Null(page.QuerySelector("a[href^='https://www.facebook']"));
    }

    [Fact]
    public async Task The_api_lists_a_groups_series_with_their_rules()
    {
        var series = await app.Browser().GetFromJsonAsync<JsonElement>($"/api/v1/groups/{Slug}/series");
        var first = series.EnumerateArray().First();
        Assert.Equal("FREQ=WEEKLY;BYDAY=WE", first.GetProperty("recurrenceRule").GetString());
        Assert.Equal("Every Wednesday at 18:30", first.GetProperty("description").GetString());
        Assert.Equal(404, (int)(await app.Browser().GetAsync("/api/v1/groups/nowhere/series")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_series_removes_later_empty_runs_and_cancels_those_people_are_coming_to()
    {
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brighton"));
        var created = await api.PostAsJsonAsync("/api/v1/groups/brighton/series", new
        {
            title = "Friday sunrise", dayOfWeek = "friday", localTime = "07:00",
            startsOn = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(1).ToString("uuuu-MM-dd", null),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var seriesId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var runs = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == seriesId).OrderBy(r => r.StartsAt).ToListAsync());
        Assert.True(runs.Count >= 6);
        var member = await app.ApiClientAsync(await app.NewMemberAsync());
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/v1/runs/{runs[4].Id}/rsvp", new { firstTime = true })).StatusCode);

        var endsOn = runs[1].SeriesDate!.Value.ToString("yyyy-MM-dd");
        var past = await api.PatchAsync($"/api/v1/series/{seriesId}", Json("""{"endsOn":"2020-01-01"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("past", (await past.ProblemAsync()).GetProperty("errors").GetProperty("endsOn")[0].GetString());
        var unknown = await api.PatchAsync($"/api/v1/series/{seriesId}", Json("""{"dayOfWeek":"monday"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var notMine = await (await app.ApiClientAsync(Leader)).PatchAsync($"/api/v1/series/{seriesId}", Json($$"""{"endsOn":"{{endsOn}}"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, notMine.StatusCode);
        Assert.Equal(runs.Count, await app.WithDbAsync(db => db.Runs.CountAsync(r => r.SeriesId == seriesId)));

        var ended = await api.PatchAsync($"/api/v1/series/{seriesId}", Json($$"""{"endsOn":"{{endsOn}}"}"""));
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(endsOn, (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endsOn").GetString());
        var left = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == seriesId).OrderBy(r => r.StartsAt).ToListAsync());
        Assert.Equal([runs[0].Id, runs[1].Id, runs[4].Id], left.Select(r => r.Id));
        Assert.Equal(RunStatus.Cancelled, left[2].Status);
        Assert.Equal(SeriesEnd.CancelReason, left[2].CancelReason);
        Assert.All(left.Take(2), r => Assert.Equal(RunStatus.Scheduled, r.Status));
    }

    [Fact]
    public async Task A_virtual_series_has_no_meeting_point_and_an_online_talk()
    {
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail("los-angeles"));
        var startsOn = SystemClock.Instance.GetCurrentInstant().InUtc().Date.PlusDays(2).ToString("uuuu-MM-dd", null);
        var mp = await app.WithDbAsync(db => db.MeetingPoints.Where(m => db.Groups.Any(g => g.Id == m.GroupId && g.Slug == "los-angeles")).Select(m => m.Id).FirstAsync());
        var refused = await api.PostAsJsonAsync("/api/v1/groups/los-angeles/series", new { title = "Anywhere run", dayOfWeek = "tuesday", localTime = "18:00", startsOn, isVirtual = true, meetingPointId = mp });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("meetingPointId", out _));
        var tooLate = await api.PostAsJsonAsync("/api/v1/groups/los-angeles/series", new { title = "Anywhere run", dayOfWeek = "tuesday", localTime = "18:00", startsOn, isVirtual = true, talkOnlineAfterMinutes = 600 });
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);

        var created = await api.PostAsJsonAsync("/api/v1/groups/los-angeles/series", new { title = "Anywhere run", dayOfWeek = "tuesday", localTime = "18:00", startsOn, isVirtual = true, talkOnlineAfterMinutes = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("firstRuns")[0];
        Assert.True(first.GetProperty("isVirtual").GetBoolean());
        var run = await app.WithDbAsync(db => db.Runs.SingleAsync(r => r.Id == first.GetProperty("id").GetInt32()));
        Assert.Null(run.MeetingPointId);
        Assert.Equal(run.StartsAt.Plus(Duration.FromMinutes(30)), run.TalkOnlineAt);
        var local = run.LocalStart(DateTimeZoneProviders.Tzdb["America/Los_Angeles"]);
        Assert.Equal((IsoDayOfWeek.Tuesday, 18), (local.DayOfWeek, local.Hour));
    }
}
