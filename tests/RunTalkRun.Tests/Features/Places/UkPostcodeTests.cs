using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Features.Places;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Places;

public class UkPostcodeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("PE1", "PE1 (Peterborough)")]
    [InlineData("pe1 1aa", "PE1 (Peterborough)")]
    [InlineData("PE11AA", "PE1 (Peterborough)")]
    [InlineData(" SW1A 2AA ", "SW1A (London)")]
    [InlineData("EH1", "EH1 (Edinburgh)")]
    [InlineData("BT7 1NN", "BT7 (Belfast)")]
    [InlineData("NP20", "NP20 (Newport)")]
    [InlineData("PE1 (Peterborough)", "PE1 (Peterborough)")]
    public void A_postcode_or_district_is_found_at_its_post_town(string text, string name)
    {
        var place = UkPostcodes.Find(text);
        Assert.NotNull(place);
        Assert.Equal(name, place.Name);
        Assert.Equal("GB", place.Country);
    }

    [Theory]
    [InlineData("York")]
    [InlineData("PE")]
    [InlineData("QQ1")]
    [InlineData("12345")]
    [InlineData("PE1 1AA extra")]
    [InlineData("<script>PE1</script>")]
    public void Text_that_is_not_a_known_postcode_is_not_one(string text) => Assert.Null(UkPostcodes.Find(text));

    [Fact]
    public void Every_area_is_in_the_United_Kingdom_and_newport_is_the_welsh_one()
    {
        Assert.Equal(121, UkPostcodes.Areas.Count);
        Assert.All(UkPostcodes.Areas.Values, a => Assert.InRange(a.Latitude, 49.8, 60.9));
        Assert.All(UkPostcodes.Areas.Values, a => Assert.InRange(a.Longitude, -8.7, 1.8));
        Assert.True(Geo.DistanceKm(UkPostcodes.Areas["NP"].Latitude, UkPostcodes.Areas["NP"].Longitude, 51.58, -3.0) < 5);
    }

    [Fact]
    public async Task Searching_a_postcode_district_finds_the_nearest_group_first()
    {
        var page = await app.Browser().GetPageAsync("/groups?q=PE2+5AB");
        Assert.Equal("Runs near PE2 (Peterborough), United Kingdom", page.Text("#results-title"));
        Assert.Equal("/groups/peterborough", page.QuerySelector("main .cards .card a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_places_api_answers_a_postcode_district()
    {
        var places = await app.Browser().GetFromJsonAsync<JsonElement>("/api/v1/places?q=MK9");
        var first = places[0];
        Assert.Equal("MK9 (Milton Keynes)", first.GetProperty("name").GetString());
        Assert.Equal("GB", first.GetProperty("country").GetString());
    }
}
