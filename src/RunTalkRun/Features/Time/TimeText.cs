using System.Globalization;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Time;

/// <summary>
/// The one way a time is written for people: in the zone it belongs to, the way its country writes it.
/// Pages, mails, calendars and chat all use this; nobody sees "UTC" unless they asked for it.
/// Dates are written day first everywhere ("Thursday 26 November 2026"); times of day follow the
/// country ("19:00" in the UK and Australia, "7:00pm" in the US and Canada).
/// </summary>
public static class TimeText
{
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    static bool TwelveHour(string country) =>
        country.Equals("US", StringComparison.OrdinalIgnoreCase) || country.Equals("CA", StringComparison.OrdinalIgnoreCase);

    /// <summary>"19:00" or "7:00pm".</summary>
    public static string Time(LocalTime time, string country) => TwelveHour(country)
        ? time.ToString("h:mm", English) + (time.Hour < 12 ? "am" : "pm")
        : time.ToString("HH:mm", English);

    /// <summary>The time of day at <paramref name="at"/> where it belongs: "19:00" or "7:00pm".</summary>
    public static string Time(Instant at, TimePlace place) => Time(at.InZone(place.Zone).TimeOfDay, place.Country);

    /// <summary>"26 November 2026".</summary>
    public static string Date(LocalDate date) => date.ToString("d MMMM uuuu", English);

    public static string Date(DateOnly date) => Date(LocalDate.FromDateOnly(date));

    /// <summary>"26 Nov 2026": a date in a list or a line of text.</summary>
    public static string ShortDate(LocalDate date) => date.ToString("d MMM uuuu", English);

    public static string ShortDate(DateOnly date) => ShortDate(LocalDate.FromDateOnly(date));

    /// <summary>"26 November 2026", the day it is in that place at <paramref name="at"/>.</summary>
    public static string Date(Instant at, TimePlace place) => Date(at.InZone(place.Zone).Date);

    /// <summary>"Thursday 26 November 2026".</summary>
    public static string Day(LocalDate date) => date.ToString("dddd d MMMM uuuu", English);

    public static string Day(Instant at, TimePlace place) => Day(at.InZone(place.Zone).Date);

    /// <summary>"Thursday 26 November" (no year): near dates, like an offer held until tomorrow.</summary>
    public static string DayNoYear(Instant at, TimePlace place) => at.InZone(place.Zone).Date.ToString("dddd d MMMM", English);

    /// <summary>"Thursday 26 November, 19:00" (no year): near times, like the end of a pause in a chat room.</summary>
    public static string DayAndTime(Instant at, TimePlace place) => DayNoYear(at, place) + ", " + Time(at, place);

    /// <summary>"Thursday 26 November 2026, 7:00pm": a run's start, in full.</summary>
    public static string When(Instant at, TimePlace place) => Day(at, place) + ", " + Time(at, place);

    /// <summary>"26 Nov, 19:00" (this year) or "26 Nov 2025, 19:00": chat, queues and lists.</summary>
    public static string Short(Instant at, TimePlace place, Instant now)
    {
        var local = at.InZone(place.Zone);
        var sameYear = local.Year == now.InZone(place.Zone).Year;
        return local.Date.ToString(sameYear ? "d MMM" : "d MMM uuuu", English) + ", " + Time(local.TimeOfDay, place.Country);
    }

    /// <summary>"26 Nov 2026, 19:00": records that stay (concerns, the audit log), always with the year.</summary>
    public static string Stamp(Instant at, TimePlace place)
    {
        var local = at.InZone(place.Zone);
        return local.Date.ToString("d MMM uuuu", English) + ", " + Time(local.TimeOfDay, place.Country);
    }

    /// <summary>For a &lt;time datetime="..."&gt; attribute and the API: "2026-11-26T19:00:00Z".</summary>
    public static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    /// <summary>For a form's date field: "2026-11-26".</summary>
    public static string IsoDate(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>For a form's time field: "19:00".</summary>
    public static string IsoTime(LocalTime time) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(time);

    /// <summary>The same instant with the group's offset, for the API ("2026-11-26T19:00:00+00:00").</summary>
    public static DateTimeOffset Offset(Instant at, DateTimeZone zone) => at.InZone(zone).ToDateTimeOffset();

    public static DateTimeOffset Offset(Instant at, Group group) => Offset(at, group.Zone);
}
