using System.Net;
using RunTalkRun.Features.Shared;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Shared;

/// <summary>Starting a group has a way in wherever someone finds there's no group near them, and HQ has an address to write to.</summary>
public class StartingAGroupLinksTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_home_page_links_to_starting_a_group()
    {
        var page = await app.Browser().GetPageAsync("/");
        Assert.Equal("/lead/apply", page.QuerySelector("#start-group")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_search_with_no_group_near_links_to_starting_one_there()
    {
        var browser = app.Browser();
        var page = await browser.GetPageAsync("/groups?q=York");
        Assert.Contains("no group within", page.Text("main [role=status]"));
        var link = page.QuerySelector("#start-group")!.GetAttribute("href")!;
        Assert.Equal("/lead/apply?town=York&country=GB", link);

        // The application page (after signing in) opens on a new group in that town.
        var member = await app.SignedInAsync(await app.NewMemberAsync());
        var apply = await member.GetPageAsync(link);
        Assert.Equal("York", apply.QuerySelector("#Input_Town")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_links_to_starting_a_group()
    {
        var page = await app.Browser().GetPageAsync("/groups?q=Zzxqvb");
        Assert.Equal("/lead/apply", page.QuerySelector("#start-group")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_footer_links_to_starting_a_group_and_to_writing_to_us()
    {
        var page = await app.Browser().GetPageAsync("/groups");
        Assert.Equal("/lead/apply", page.QuerySelector("#footer-start-group")!.GetAttribute("href"));
        var contact = page.QuerySelector("#footer-contact")!;
        Assert.Equal("mailto:" + SiteContact.Fallback, contact.GetAttribute("href"));
        Assert.Equal(SiteContact.Fallback, contact.TextContent);
    }

    [Fact]
    public async Task The_contact_address_is_a_setting()
    {
        await using var other = new AppFactory().With("Site:ContactEmail", "start-a-group@runs.example.org");
        var page = await other.Browser().GetPageAsync("/help");
        Assert.Equal("mailto:start-a-group@runs.example.org", page.QuerySelector("#footer-contact")!.GetAttribute("href"));
    }
}
