using System.Net;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Groups;

public class GroupPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Home_page_is_under_50_KB_and_works_without_javascript()
    {
        var response = await app.Browser().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 50 * 1024, $"home page is {html.Length} bytes");
        var doc = Pages.Parse(html);
        Assert.Empty(doc.QuerySelectorAll("script"));
        // Finding a run is a plain GET form, and the guidelines are there.
        var form = doc.QuerySelector("form[action='/groups'][method=get]");
        Assert.NotNull(form);
        Assert.Contains("as slow as the slowest runner", doc.Text("#guidelines + p + ol"));
        Assert.Contains("listen, not to advise", doc.Text("main"));
    }

    [Fact]
    public async Task Directory_lists_groups_by_country_then_town()
    {
        var doc = await app.Browser().GetPageAsync("/groups");
        var countries = doc.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Australia", "United Kingdom", "United States"], countries);
        var towns = doc.QuerySelectorAll("main h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("London", towns);
        Assert.Contains("Peterborough", towns);
        Assert.Equal(3, doc.QuerySelectorAll("main h3").Single(h => h.TextContent.Trim() == "London").NextElementSibling!.QuerySelectorAll("li").Length);
        Assert.Contains("Next run:", doc.Text("main"));
    }

    [Fact]
    public async Task Searching_by_town_finds_peterborough()
    {
        var doc = await app.Browser().GetPageAsync("/groups?q=peterBOROUGH");
        var links = doc.QuerySelectorAll("main .card a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/groups/peterborough"], links);
        Assert.Equal("peterBOROUGH", doc.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("' OR 1=1 --")]
    [InlineData("%")]
    public async Task Hostile_searches_find_nothing_and_are_shown_as_text(string q)
    {
        var response = await app.Browser().GetAsync("/groups?q=" + Uri.EscapeDataString(q));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html);
        var doc = Pages.Parse(html);
        Assert.Empty(doc.QuerySelectorAll("main .card"));
        Assert.Contains("no group in", doc.Text("[role=status]"));
    }

    [Fact]
    public async Task A_very_long_search_is_cut_short_not_refused()
    {
        var response = await app.Browser().GetAsync("/groups?q=" + new string('x', 5000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Group_page_shows_about_base_facilities_upcoming_runs_and_leaders()
    {
        var doc = await app.Browser().GetPageAsync("/groups/london-southwark");
        Assert.Equal("London – Southwark", doc.Text("h1"));
        var main = doc.Text("main");
        Assert.Contains("Our base: Southwark gym", main);
        Assert.Contains("Toilets", main);
        Assert.Contains("Water", main);
        Assert.Contains("Your leader is Sam", main);
        Assert.True(doc.QuerySelectorAll("main a[href^='/runs/']").Length >= 3);
        Assert.Contains("UK time", main);
    }

    [Fact]
    public async Task Group_page_never_shows_a_public_zero_going()
    {
        var doc = await app.Browser().GetPageAsync("/groups/brisbane");
        Assert.DoesNotMatch(@"\b0 (people|going)", doc.Text("main"));
        Assert.Contains("Be the first to say you're coming", doc.Text("main"));
    }

    [Fact]
    public async Task The_cancelled_demo_run_shows_as_cancelled_with_its_reason_on_the_group_page()
    {
        var doc = await app.Browser().GetPageAsync("/groups/london-city");
        Assert.Contains("Cancelled", doc.Text("main"));
        Assert.Contains("Our leader is away this week", doc.Text("main"));
    }

    [Fact]
    public async Task Brisbane_and_Los_Angeles_pages_show_local_times()
    {
        var brisbane = await app.Browser().GetPageAsync("/groups/brisbane");
        Assert.Contains("06:30", brisbane.Text("main .card h3"));
        Assert.Contains("Brisbane time", brisbane.Text("main"));
        var la = await app.Browser().GetPageAsync("/groups/los-angeles");
        Assert.Contains("8:00am", la.Text("main .card h3"));
    }
}
