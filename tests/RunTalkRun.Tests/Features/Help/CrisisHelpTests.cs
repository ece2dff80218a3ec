using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Features.Help;
using RunTalkRun.Tests.Features.Privacy;
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
        Assert.Contains("Last checked on", doc.Text("#help-here"));
    }

    [Fact]
    public async Task An_unknown_country_falls_back_to_the_UK()
    {
        var doc = await app.Browser().GetPageAsync("/help?country=%3Cscript%3E");
        Assert.Equal("United Kingdom", doc.Text("#here-title"));
    }

    [Fact]
    public void The_crisis_lines_are_data_for_six_countries_each_checked_and_with_a_source()
    {
        Assert.Equal(new[] { "AU", "CA", "GB", "IE", "NZ", "US" }, CrisisLines.All.Select(c => c.Country).Order());
        foreach (var c in CrisisLines.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Emergency.Number), c.Country);
            Assert.NotEmpty(c.Helplines);
            Assert.All(c.Helplines, l => Assert.StartsWith("https://", l.Source));
            Assert.True(c.LastChecked > new DateOnly(2026, 1, 1) && c.LastChecked <= DateOnly.FromDateTime(DateTime.UtcNow), $"{c.Country} checked {c.LastChecked}");
        }
    }

    [Fact]
    public async Task Apps_read_the_crisis_lines_from_the_api()
    {
        var client = app.CreateClient();
        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/help");
        Assert.Equal(6, all!.Length);
        Assert.All(all, c => Assert.True(DateOnly.TryParse(c.GetProperty("lastChecked").GetString(), out _)));
        var au = await client.GetFromJsonAsync<JsonElement>("/api/v1/help/au");
        Assert.Equal("000", au.GetProperty("emergency").GetProperty("number").GetString());
        Assert.Equal("Lifeline", au.GetProperty("helplines")[0].GetProperty("name").GetString());
        var unknown = await client.GetAsync("/api/v1/help/%3Cscript%3E");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("emergency number", (await unknown.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Nothing_records_who_opens_the_help_page()
    {
        var member = await app.SignedInAsync(await app.NewMemberAsync("Needs help", "peterborough"));
        var api = await app.ApiClientAsync(await app.NewMemberAsync("Also needs help"));
        var before = await DatabaseSearch.RowCountsAsync(app);
        foreach (var response in new[] { await member.GetAsync("/help"), await member.GetAsync("/help?country=AU"), await app.Browser().GetAsync("/help"), await api.GetAsync("/api/v1/help/GB") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), "the help page set a cookie");
        }
        Assert.Equal(before, await DatabaseSearch.RowCountsAsync(app));
    }
}
