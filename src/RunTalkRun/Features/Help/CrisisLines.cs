using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunTalkRun.Features.Help;

/// <summary>A line to call or text when someone needs help now. <see cref="Source"/> is where to check it.</summary>
public record CrisisLine(string Name, string Number, string Dial, string Description, string? Source = null);

/// <summary>Crisis help for one country: the emergency number first, then free helplines, and when they were last checked.</summary>
public record CountryHelp(string Country, [property: JsonPropertyName("name")] string CountryName, CrisisLine Emergency, CrisisLine[] Helplines, DateOnly LastChecked);

/// <summary>
/// Crisis help per country, kept as data in crisis-lines.json (built into the app): HQ changes the numbers
/// there, with the date they checked them. Read once, at first use.
/// </summary>
public static class CrisisLines
{
    record File(CountryHelp[] Countries);

    static readonly Lazy<Dictionary<string, CountryHelp>> ByCountry = new(() =>
    {
        using var stream = typeof(CrisisLines).Assembly.GetManifestResourceStream("RunTalkRun.Features.Help.crisis-lines.json")
            ?? throw new InvalidOperationException("crisis-lines.json is missing from the build");
        var file = JsonSerializer.Deserialize<File>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return file.Countries.ToDictionary(c => c.Country, StringComparer.OrdinalIgnoreCase);
    });

    public const string DefaultCountry = "GB";

    public static CountryHelp For(string? country) =>
        country is not null && ByCountry.Value.TryGetValue(country, out var help) ? help : ByCountry.Value[DefaultCountry];

    public static bool Has(string? country) => country is not null && ByCountry.Value.ContainsKey(country);

    public static IEnumerable<CountryHelp> All => ByCountry.Value.Values;

    public static string TelHref(CrisisLine line) => line.Dial.StartsWith("sms:") ? line.Dial : $"tel:{line.Dial}";
}
