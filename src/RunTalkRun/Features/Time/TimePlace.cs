using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Time;

/// <summary>
/// Where a time belongs: the zone it is shown in and the country whose way of writing it is used
/// (UK and Australia "19:00", the US "7:00pm"). A run's time belongs to its group; a chat message to
/// its room's group; an HQ-wide page uses <see cref="Site"/> and says so.
/// </summary>
public sealed record TimePlace(DateTimeZone Zone, string Country)
{
    /// <summary>HQ-wide pages (moderation of the leaders' room, the audit log): UK time, said on the page.</summary>
    public static readonly TimePlace Site = new(DateTimeZoneProviders.Tzdb["Europe/London"], "GB");

    public static TimePlace Of(Group group) => new(group.Zone, group.Country);

    public static TimePlace Of(string timeZoneId, string country) =>
        new(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId) ?? Site.Zone, country);

    /// <summary>A country-wide room or page: the zone most of the country's people live in.</summary>
    public static TimePlace OfCountry(string country) => country.ToUpperInvariant() switch
    {
        "US" => Of("America/New_York", "US"),
        "CA" => Of("America/Toronto", "CA"),
        "AU" => Of("Australia/Sydney", "AU"),
        "NZ" => Of("Pacific/Auckland", "NZ"),
        "IE" => Of("Europe/Dublin", "IE"),
        _ => Site,
    };

    /// <summary>"UK time", "Brisbane time", "Los Angeles time": how a page names the zone its times are in.</summary>
    public string ZoneName => ZoneNameOf(Zone.Id);

    public static string ZoneNameOf(string timeZoneId) => timeZoneId switch
    {
        "Europe/London" => "UK time",
        "Europe/Dublin" => "Irish time",
        var id => id.Split('/').Last().Replace('_', ' ') + " time",
    };

    /// <summary>The calendar day it is now in this place.</summary>
    public LocalDate Today(Instant now) => now.InZone(Zone).Date;
}
