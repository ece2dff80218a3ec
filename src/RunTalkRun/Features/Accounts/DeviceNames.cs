namespace RunTalkRun.Features.Accounts;

/// <summary>"Firefox on Android": enough for a member to recognise their own devices, and nothing finer.</summary>
public static class DeviceNames
{
    static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari")];
    static readonly (string Token, string Name)[] Systems =
        [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "Mac"), ("Macintosh", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux")];

    public static string Describe(string? userAgent, SessionKind kind)
    {
        var ua = userAgent ?? "";
        var browser = Browsers.FirstOrDefault(b => ua.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => ua.Contains(s.Token, StringComparison.Ordinal)).Name;
        var name = (browser, system) switch
        {
            (null, null) => kind == SessionKind.App ? "An app" : "A browser",
            (null, _) => kind == SessionKind.App ? $"An app on {system}" : $"A browser on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
        return name.Length <= MemberSession.DeviceMaxLength ? name : name[..MemberSession.DeviceMaxLength];
    }
}
