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

    [Theory]
    [InlineData("peterBOROUGH", "peterborough", "Peterborough, England, United Kingdom")]
    [InlineData("Los Angeles", "los-angeles", "Los Angeles, California, United States")]
    [InlineData("brisbane", "brisbane", "Brisbane, Queensland, Australia")]
    public async Task Searching_a_town_puts_the_nearest_group_first_with_its_next_run(string q, string slug, string place)
    {
        var doc = await app.Browser().GetPageAsync("/groups?q=" + Uri.EscapeDataString(q));
        Assert.Equal($"Runs near {place}", doc.Text("#results-title"));
        var first = doc.QuerySelector("main .card")!;
        Assert.Equal($"/groups/{slug}", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("km", first.TextContent);
        Assert.Contains("Next run:", first.TextContent);
        Assert.Equal(q, doc.QuerySelector("#q")!.GetAttribute("value"));
        Assert.Contains("GeoNames", doc.Text("main"));
    }

    [Fact]
    public async Task Groups_are_sorted_by_distance_from_the_place()
    {
        var doc = await app.Browser().GetPageAsync("/groups?q=Milton%20Keynes");
        var slugs = doc.QuerySelectorAll("main .card h3 a").Select(a => a.GetAttribute("href")!.Split('/').Last()).ToList();
        Assert.Equal("milton-keynes", slugs[0]);
        Assert.Contains("peterborough", slugs);
        Assert.DoesNotContain("brisbane", slugs);
    }

    [Fact]
    public async Task A_place_with_no_group_nearby_shows_the_nearest_groups_instead()
    {
        var doc = await app.Browser().GetPageAsync("/groups?q=Inverness");
        Assert.Contains("no group within 100 km", doc.Text("main [role=status]"));
        Assert.Equal(3, doc.QuerySelectorAll("main .card").Length);
    }

    [Fact]
    public async Task A_misspelt_place_gets_suggestions_not_an_error_page()
    {
        var doc = await app.Browser().GetPageAsync("/groups?q=Peterborugh");
        Assert.Contains("couldn't find a place or a group", doc.Text("main [role=status]"));
        Assert.Contains(doc.QuerySelectorAll("main ul li a"), a => a.TextContent.StartsWith("Peterborough"));
    }

    [Theory]
    [InlineData("91,0")]
    [InlineData("abc")]
    [InlineData("52.5,-0.2,7")]
    public async Task A_bad_location_gets_a_clear_message_and_the_directory(string near)
    {
        var doc = await app.Browser().GetPageAsync("/groups?near=" + Uri.EscapeDataString(near));
        Assert.Contains("couldn't read that location", doc.Text("[role=alert]"));
        Assert.NotEmpty(doc.QuerySelectorAll("main .card"));
    }

    [Fact]
    public async Task The_browsers_location_finds_the_nearest_group()
    {
        var doc = await app.Browser().GetPageAsync("/groups?near=-27.47,153.03&place=your%20location");
        Assert.Equal("Runs near your location", doc.Text("#results-title"));
        Assert.Equal("/groups/brisbane", doc.QuerySelector("main .card a")!.GetAttribute("href"));
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
        Assert.Contains("couldn't find a place or a group", doc.Text("main [role=status]"));
        Assert.Equal("Every group", doc.Text("main h2"));
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

    [Fact]
    public async Task The_find_page_is_cached_for_a_minute_for_visitors_but_never_for_signed_in_members()
    {
        const string url = "/groups?near=52.57,-0.24&place=cache-check";
        var first = await app.Browser().GetAsync(url);
        var second = await app.Browser().GetAsync(url);
        Assert.False(first.Headers.Contains("Set-Cookie"), "a public page must not set cookies");
        Assert.True(second.Headers.Age is not null, "the second visitor's page comes from the output cache");

        var member = await app.SignedInAsync(RunTalkRun.Data.DemoCommunity.MemberEmail(2));
        var mine = await member.GetAsync(url);
        Assert.Null(mine.Headers.Age);
        Assert.Contains("My runs", await mine.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_crafted_place_name_in_a_link_is_not_shown_on_the_page()
    {
        var doc = await app.Browser().GetPageAsync("/groups?near=52.57,-0.24&place=" + Uri.EscapeDataString("Call 0800 FAKE NUMBER"));
        Assert.Equal("Runs near that location", doc.Text("#results-title"));
        Assert.DoesNotContain("FAKE", doc.DocumentElement.OuterHtml);
        var real = await app.Browser().GetPageAsync("/groups?near=52.5736,-0.2478&place=" + Uri.EscapeDataString("Peterborough, England, United Kingdom"));
        Assert.Equal("Runs near Peterborough, England, United Kingdom", real.Text("#results-title"));
    }

    static List<string> Slugs(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("main .card h3 a").Select(a => a.GetAttribute("href")!.Split('/').Last()).ToList();

    [Fact]
    public async Task Filters_by_day_and_time_of_day_keep_only_groups_with_a_run_that_fits()
    {
        var wednesday = await app.Browser().GetPageAsync("/groups?q=Peterborough&day=wednesday");
        Assert.Equal(["peterborough"], Slugs(wednesday));
        Assert.Contains("Next run that fits: Wednesday", wednesday.Text("main .card"));
        Assert.Equal("wednesday", wednesday.QuerySelector("#day option[selected]")!.GetAttribute("value"));

        var morning = await app.Browser().GetPageAsync("/groups?q=Peterborough&time=morning");
        Assert.Equal(["milton-keynes"], Slugs(morning)); // Saturday 09:00; Peterborough runs at 18:30

        var none = await app.Browser().GetPageAsync("/groups?q=Peterborough&day=monday&time=morning");
        Assert.Empty(Slugs(none));
        Assert.Contains("Try fewer filters", none.Text("main [role=status]"));
    }

    [Fact]
    public async Task Step_free_and_virtual_filters()
    {
        var stepFree = await app.Browser().GetPageAsync("/groups?q=London&stepfree=true");
        var slugs = Slugs(stepFree);
        Assert.Contains("london-city", slugs);         // the Monument: level paving
        Assert.DoesNotContain("london-southwark", slugs); // three steps up to reception

        var withVirtual = await app.Browser().GetPageAsync("/groups?q=Brisbane&virtual=true");
        Assert.Contains("Virtual runs", withVirtual.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Contains(withVirtual.QuerySelectorAll("main .card .tag"), t => t.TextContent == "Virtual");
    }

    [Theory]
    [InlineData("day=funday")]
    [InlineData("time=%3Cscript%3E")]
    [InlineData("stepfree=maybe")]
    public async Task Nonsense_filters_are_ignored_not_errors(string filter)
    {
        var response = await app.Browser().GetAsync("/groups?q=Peterborough&" + filter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/groups/peterborough", await response.Content.ReadAsStringAsync());
    }
}
