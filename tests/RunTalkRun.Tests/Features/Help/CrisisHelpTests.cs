using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Help;

/// <summary>Crisis help is one tap away on every page, for the country of the group being viewed.</summary>
public class CrisisHelpTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/", "tel:116123", "tel:999")]
    [InlineData("/groups", "tel:116123", "tel:999")]
    [InlineData("/account/sign-up", "tel:116123", "tel:999")]
    [InlineData("/groups/peterborough", "tel:116123", "tel:999")]
    [InlineData("/groups/los-angeles", "tel:988", "tel:911")]
    [InlineData("/groups/brisbane", "tel:131114", "tel:000")]
    [InlineData("/help?country=AU", "tel:131114", "tel:000")]
    [InlineData("/help?country=US", "tel:988", "tel:911")]
    [InlineData("/no-such-page", "tel:116123", "tel:999")]
    public async Task Every_page_has_the_crisis_line_and_emergency_number_one_tap_away(string url, string helpline, string emergency)
    {
        var response = await app.Browser().GetAsync(url);
        var doc = Pages.Parse(await response.Content.ReadAsStringAsync());
        var bar = doc.QuerySelector(".crisis-bar")!;
        Assert.NotNull(bar.QuerySelector($"a[href='{helpline}']"));
        Assert.NotNull(bar.QuerySelector($"a[href='{emergency}']"));
        Assert.NotNull(bar.QuerySelector("a[href^='/help']"));
    }

    [Fact]
    public async Task A_run_page_shows_the_help_for_its_own_country()
    {
        var run = await app.NextRunAsync("los-angeles");
        var doc = await app.Browser().GetPageAsync($"/runs/{run.Id}");
        Assert.NotNull(doc.QuerySelector(".crisis-bar a[href='tel:988']"));
        Assert.Contains("988", doc.Text("footer"));
    }

    [Fact]
    public async Task The_help_page_puts_the_emergency_number_first_and_lists_other_countries()
    {
        var doc = await app.Browser().GetPageAsync("/help?country=GB");
        var numbers = doc.QuerySelectorAll("main .card a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("999", numbers[0]);
        Assert.Contains("116 123", numbers);
        var others = doc.QuerySelectorAll("main h3").Select(h => h.TextContent).ToList();
        Assert.Contains("United States", others);
        Assert.Contains("Australia", others);
        Assert.Contains("last checked", doc.Text("main"));
    }

    [Fact]
    public async Task An_unknown_country_falls_back_to_the_UK()
    {
        var doc = await app.Browser().GetPageAsync("/help?country=%3Cscript%3E");
        Assert.Equal("United Kingdom", doc.Text("#here-title"));
    }
}
