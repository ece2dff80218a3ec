using NodaTime.TimeZones;
using RunTalkRun.Features.Places;

namespace RunTalkRun.Features.Groups;

/// <summary>The time zones of a country and the likeliest one for a place, from the tz database's own zone locations.</summary>
public static class TimeZones
{
    static IEnumerable<TzdbZoneLocation> Locations => TzdbDateTimeZoneSource.Default.ZoneLocations ?? [];

    public static IReadOnlyList<string> InCountry(string country) =>
        Locations.Where(l => l.CountryCode == country).Select(l => l.ZoneId).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The zone whose principal city is nearest the place, within its country: right for most towns,
    /// a guess near a zone's border (HQ checks it when approving a new group).
    /// </summary>
    public static string Nearest(string country, double latitude, double longitude) =>
        Locations.Where(l => l.CountryCode == country)
            .OrderBy(l => Geo.DistanceKm(latitude, longitude, l.Latitude, l.Longitude))
            .Select(l => l.ZoneId).FirstOrDefault() ?? "Etc/UTC";

    public static bool IsIn(string country, string? zoneId) => zoneId is not null && InCountry(country).Contains(zoneId);
}
