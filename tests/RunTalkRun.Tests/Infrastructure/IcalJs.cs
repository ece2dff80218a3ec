using System.Diagnostics;
using System.Text.Json;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Reads an iCalendar document with ical.js (tests/ical, installed by scripts/setup.sh) under Node.</summary>
public static class IcalJs
{
    public static async Task<JsonElement> ParseAsync(string ics)
    {
        var script = Path.Combine(RepoRoot(), "tests", "ical", "parse.mjs");
        var psi = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        await node.StandardInput.WriteAsync(ics);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"ical.js could not parse the feed: {await errors}\n{ics}");
        return JsonDocument.Parse(await output).RootElement;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RunTalkRun.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root");
    }
}
