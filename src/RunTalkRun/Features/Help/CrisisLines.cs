namespace RunTalkRun.Features.Help;

/// <summary>A line to call or text when someone needs help now.</summary>
public record CrisisLine(string Name, string Number, string Dial, string Description);

/// <summary>Crisis help per country: the emergency number first, then free helplines.</summary>
public record CountryHelp(string Country, string CountryName, CrisisLine Emergency, CrisisLine[] Helplines, DateOnly LastChecked);

public static class CrisisLines
{
    static readonly DateOnly Checked = new(2026, 11, 22);

    static readonly Dictionary<string, CountryHelp> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = new("GB", "United Kingdom", new("Emergency services", "999", "999", "If you or someone else is in danger right now."),
            [new("Samaritans", "116 123", "116123", "Free, any time, day or night."),
             new("Shout", "text SHOUT to 85258", "sms:85258", "Free text support, any time.")], Checked),
        ["IE"] = new("IE", "Ireland", new("Emergency services", "112 or 999", "112", "If you or someone else is in danger right now."),
            [new("Samaritans", "116 123", "116123", "Free, any time, day or night.")], Checked),
        ["US"] = new("US", "United States", new("Emergency services", "911", "911", "If you or someone else is in danger right now."),
            [new("988 Suicide & Crisis Lifeline", "988", "988", "Call or text 988, any time.")], Checked),
        ["CA"] = new("CA", "Canada", new("Emergency services", "911", "911", "If you or someone else is in danger right now."),
            [new("9-8-8 Suicide Crisis Helpline", "988", "988", "Call or text 988, any time.")], Checked),
        ["AU"] = new("AU", "Australia", new("Emergency services", "000", "000", "If you or someone else is in danger right now."),
            [new("Lifeline", "13 11 14", "131114", "Any time, day or night.")], Checked),
        ["NZ"] = new("NZ", "New Zealand", new("Emergency services", "111", "111", "If you or someone else is in danger right now."),
            [new("Need to talk?", "1737", "1737", "Free call or text, any time.")], Checked),
    };

    public const string DefaultCountry = "GB";

    public static CountryHelp For(string? country) =>
        country is not null && ByCountry.TryGetValue(country, out var help) ? help : ByCountry[DefaultCountry];

    public static IEnumerable<CountryHelp> All => ByCountry.Values;

    public static string TelHref(CrisisLine line) => line.Dial.StartsWith("sms:") ? line.Dial : $"tel:{line.Dial}";
}
