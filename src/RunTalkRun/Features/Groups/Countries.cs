namespace RunTalkRun.Features.Groups;

public static class Countries
{
    static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = "United Kingdom",
        ["IE"] = "Ireland",
        ["US"] = "United States",
        ["CA"] = "Canada",
        ["AU"] = "Australia",
        ["NZ"] = "New Zealand",
    };

    public static bool IsSupported(string? code) => code is not null && code.Length == 2 && Names.ContainsKey(code);

    /// <summary>The countries with groups, for a form's list.</summary>
    public static IEnumerable<(string Code, string Name)> All => Names.Select(n => (n.Key, n.Value));

    public static string NameOf(string code) => Names.TryGetValue(code, out var name) ? name : code.ToUpperInvariant();

    /// <summary>The culture dates and times are written in for a group in this country.</summary>
    public static System.Globalization.CultureInfo CultureOf(string code) => code.ToUpperInvariant() switch
    {
        "US" => new("en-US"),
        "CA" => new("en-CA"),
        "AU" => new("en-AU"),
        "NZ" => new("en-NZ"),
        "IE" => new("en-IE"),
        _ => new("en-GB"),
    };
}
