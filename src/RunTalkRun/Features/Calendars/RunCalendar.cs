using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Calendars;

/// <summary>Runs as an RFC 5545 calendar (Ical.Net), each in its group's own time zone with a VTIMEZONE.</summary>
public static class RunCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="runs">Runs with their Group and MeetingPoint loaded.</param>
    public static string Write(string name, IEnumerable<Run> runs, SiteLinks links, Instant now)
    {
        var list = runs.ToList();
        var calendar = new Calendar { ProductId = "-//Run Talk Run//Runs//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("METHOD", "PUBLISH");
        // From now at the latest: Ical.Net describes a zone from this date to about a year from today, and a start
        // later than that (a run planned more than a year ahead) made it throw.
        var earliest = (list.Count == 0 ? now : Instant.Min(list.Min(r => r.StartsAt), now)).ToDateTimeUtc();
        foreach (var zone in list.Select(r => r.Group!.TimeZoneId).Distinct())
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.AddDays(-7), includeHistoricalData: false));
        foreach (var run in list)
            calendar.Events.Add(EventFor(run, links, now));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    static CalendarEvent EventFor(Run run, SiteLinks links, Instant now)
    {
        var group = run.Group!;
        var local = run.LocalStart(group.Zone).LocalDateTime;
        var cancelled = run.Status == RunStatus.Cancelled;
        var url = links.Absolute($"/runs/{run.Id}");
        var description = cancelled
            ? $"This run is cancelled. {run.CancelReason}\n\n{url}"
            : $"About {run.ApproxDistanceKm} km, as slow as the slowest runner. Nobody is left behind.\n\n{url}";
        var evt = new CalendarEvent
        {
            Uid = $"run-{run.Id}@runtalkrun",
            DtStamp = new CalDateTime(now.ToDateTimeUtc(), "UTC"),
            Start = new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, group.TimeZoneId),
            Duration = Ical.Net.DataTypes.Duration.FromHours(1),
            Summary = (cancelled ? "Cancelled: " : "") + $"Run Talk Run {group.Name}",
            Description = description,
            Url = new Uri(url),
            // A run nobody is leading yet is not confirmed (it needs its Leaders loaded).
            Status = cancelled ? EventStatus.Cancelled : run.Leaders.Count == 0 ? EventStatus.Tentative : EventStatus.Confirmed,
            // Calendars replace their copy of the event when SEQUENCE grows: it does with each new time, place or status.
            Sequence = run.CalendarSequence,
        };
        if (run.ChangedAt is { } changed) evt.LastModified = new CalDateTime(changed.ToDateTimeUtc(), "UTC");
        if (run.MeetingPoint is { } mp)
        {
            evt.Location = string.IsNullOrWhiteSpace(mp.Address) ? mp.Name : $"{mp.Name}, {mp.Address}";
            evt.GeographicLocation = new GeographicLocation(mp.Latitude, mp.Longitude);
        }
        return evt;
    }
}
