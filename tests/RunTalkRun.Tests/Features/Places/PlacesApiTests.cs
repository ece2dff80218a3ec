using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Places;

public class PlacesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Peterborough", "GB", 52.57, -0.24)]
    [InlineData("los angeles", "US", 34.05, -118.24)]
    [InlineData("Brisbane", "AU", -27.47, 153.03)]
    [InlineData("Brighton", "GB", 50.83, -0.14)]
    public async Task Places_come_from_the_gazetteer_best_first(string q, string country, double lat, double lon)
    {
        var places = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/places?q=" + Uri.EscapeDataString(q));
        var first = places![0];
        Assert.Equal(country, first.GetProperty("country").GetString());
        Assert.Equal(lat, first.GetProperty("latitude").GetDouble(), 0.1);
        Assert.Equal(lon, first.GetProperty("longitude").GetDouble(), 0.1);
        Assert.True(first.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task An_unknown_place_is_an_empty_list_not_an_error()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/places?q=Xyzzyplughton");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement[]>())!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    [InlineData(null)]
    public async Task An_empty_query_is_a_validation_problem(string? q)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/places" + (q is null ? "" : "?q=" + q));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task A_query_over_100_characters_is_a_validation_problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/places?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
    }

    [Theory]
    [InlineData("52.57,-0.24", "peterborough")]
    [InlineData("34.05,-118.24", "los-angeles")]
    [InlineData("-27.47,153.03", "brisbane")]
    public async Task Groups_near_a_point_come_nearest_first_with_their_distance(string near, string slug)
    {
        var groups = await app.CreateClient().GetFromJsonAsync<JsonElement[]>($"/api/v1/groups?near={near}&radiusKm=200");
        Assert.Equal(slug, groups![0].GetProperty("slug").GetString());
        var distances = groups.Select(g => g.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 200));
    }

    [Fact]
    public async Task The_radius_defaults_to_50_km()
    {
        var groups = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/groups?near=51.51,-0.12");
        var slugs = groups!.Select(g => g.GetProperty("slug").GetString()).ToList();
        Assert.Contains("london-city", slugs);
        Assert.DoesNotContain("peterborough", slugs); // about 120 km away
        Assert.DoesNotContain("brighton", slugs);     // about 75 km away
    }

    [Theory]
    [InlineData("near=91,0", "near")]
    [InlineData("near=0,181", "near")]
    [InlineData("near=north", "near")]
    [InlineData("near=52,0&radiusKm=0", "radiusKm")]
    [InlineData("near=52,0&radiusKm=100000", "radiusKm")]
    [InlineData("near=52,0&radiusKm=-5", "radiusKm")]
    public async Task Out_of_range_points_and_radii_are_validation_problems(string query, string field)
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_radius_that_is_not_a_number_is_a_bad_request()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/groups?near=52,0&radiusKm=far");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
    }
}
