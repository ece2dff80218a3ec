using System.Net;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Shared;

/// <summary>Browsers ask for /favicon.ico on every page whatever the page says, and use the icon the page links.</summary>
public class FaviconTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Favicon_ico_is_an_image()
    {
        var response = await app.Browser().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Every_linked_icon_is_an_image()
    {
        var browser = app.Browser();
        var page = await browser.GetPageAsync("/");
        var icons = page.QuerySelectorAll("link[rel=icon]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.NotEmpty(icons);
        foreach (var href in icons)
        {
            var response = await browser.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType);
        }
    }
}
