using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>
/// What every page visited goes through: a full-page screenshot, then axe. Screenshots go to
/// artifacts/screenshots/ at the repository root (ignored by git), or to the directory RTR_SCREENSHOTS names;
/// scripts/readme-screenshots.sh copies the README's pictures from there into docs/screenshots/.
/// </summary>
public static class PageChecks
{
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>Screenshots the page as <paramref name="name"/>.png in <see cref="ScreenshotDirectory"/> and asserts axe finds nothing.</summary>
    public static async Task CheckPageAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        // The picture first, so a failing page can still be looked at.
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        await AxeOnlyAsync(page, name);
    }

    /// <summary>Only axe: for a page seen again in another state, not worth a screenshot of its own.</summary>
    public static async Task AxeOnlyAsync(this IPage page, string? name = null)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"axe found problems on {page.Url}{(name is null ? "" : $" ({name})")}:\n{Describe(results.Violations)}");
    }

    /// <summary>Only the screenshot: for pages seen with script turned off, where axe (itself a script) can't run.</summary>
    public static async Task ScreenshotOnlyAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    static string Describe(IEnumerable<Deque.AxeCore.Commons.AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}");
            foreach (var node in v.Nodes ?? [])
                text.AppendLine($"    target {node.Target}: {node.Html}");
        }
        return text.ToString();
    }

    static string FindScreenshotDirectory()
    {
        var chosen = Environment.GetEnvironmentVariable("RTR_SCREENSHOTS");
        string screenshots;
        if (!string.IsNullOrWhiteSpace(chosen)) screenshots = Path.GetFullPath(chosen);
        else
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RunTalkRun.slnx"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException($"No RunTalkRun.slnx above {AppContext.BaseDirectory}");
            screenshots = Path.Combine(dir.FullName, "artifacts", "screenshots");
        }
        Directory.CreateDirectory(screenshots);
        return screenshots;
    }
}
