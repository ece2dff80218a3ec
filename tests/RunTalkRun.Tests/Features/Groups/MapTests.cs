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

public class MapTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_find_page_puts_the_nearby_groups_and_the_searched_place_in_the_maps_data()
    {
        var page = await app.Browser().GetPageAsync("/groups?q=Peterborough");
        var data = JsonDocument.Parse(page.QuerySelector("script#map-data")!.TextContent).RootElement;
        var names = data.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal("Peterborough", names[0]);
        Assert.Contains("Milton Keynes", names);
        Assert.StartsWith("Peterborough", data.GetProperty("you").GetProperty("name").GetString());
        Assert.True(page.QuerySelector("[data-map]")!.HasAttribute("hidden"), "without script the map is not shown half-drawn");
        Assert.NotNull(page.QuerySelector("script[src='/lib/leaflet/leaflet.js']"));
        var leaflet = await app.Browser().GetAsync("/lib/leaflet/leaflet.js");
        Assert.Equal(HttpStatusCode.OK, leaflet.StatusCode);
    }

    [Fact]
    public async Task The_tile_server_from_configuration_is_the_only_other_place_images_may_come_from()
    {
        var response = await app.Browser().GetAsync("/groups");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("img-src 'self' data: https://tile.openstreetmap.org;", csp);
        Assert.Contains("script-src 'self';", csp);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", page.QuerySelector("[data-map]")!.GetAttribute("data-tiles"));
    }

    [Fact]
    public async Task A_name_that_tries_to_close_the_data_block_stays_inside_it()
    {
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brisbane"));
        var name = "</script><script>alert(1)</script>";
        var created = await api.PostAsJsonAsync("/api/v1/groups/brisbane/meeting-points", new { name, latitude = -27.475, longitude = 153.02 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var page = await app.Browser().GetPageAsync("/groups/brisbane");
        var data = JsonDocument.Parse(page.QuerySelector("script#map-data")!.TextContent).RootElement;
        Assert.Contains(data.GetProperty("points").EnumerateArray(), p => p.GetProperty("name").GetString() == name);
        Assert.DoesNotContain(page.Scripts, s => s.Text.Contains("alert(1)") && s.Type != "application/json");
    }
}
