using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// A recurring run in the group's local time: "every Thursday 19:00 from the Monument",
/// "every other Saturday", "the first Sunday of the month". Recurrence is RFC 5545 (Ical.Net).
/// </summary>
public class RunSeries
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public int? MeetingPointId { get; set; }
    public string Title { get; set; } = "";
    public SeriesFrequency Frequency { get; set; } = SeriesFrequency.Weekly;
    public IsoDayOfWeek DayOfWeek { get; set; }
    /// <summary>For monthly series: 1 to 4 for the first to fourth, -1 for the last such day of the month.</summary>
    public int? WeekOfMonth { get; set; }
    public TimeOnly LocalTime { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>A description of the route ("about 5 km"), never a measurement of anyone.</summary>
    public int ApproxDistanceKm { get; set; } = 5;
    /// <summary>A virtual series has no meeting point: run wherever you are, then talk online.</summary>
    public bool IsVirtual { get; set; }
    /// <summary>For a virtual series: how long after the start the online talk begins (e.g. 45 minutes).</summary>
    public int? TalkOnlineAfterMinutes { get; set; }

    public Group? Group { get; set; }

    /// <summary>Whether a date is one this series runs on (Ical.Net always yields the start date itself).</summary>
    bool Matches(LocalDate date)
    {
        if (date.DayOfWeek != DayOfWeek) return false;
        if (Frequency != SeriesFrequency.Monthly) return true;
        var week = WeekOfMonth ?? 1;
        return week > 0 ? (date.Day - 1) / 7 + 1 == week : date.Day + 7 > date.Calendar.GetDaysInMonth(date.Year, date.Month);
    }

    /// <summary>In words, in the group's local time: "Every Thursday at 19:00", "The last Sunday of the month at 10:00".</summary>
    public string Describe()
    {
        var at = LocalTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return Frequency switch
        {
            SeriesFrequency.Fortnightly => $"Every other {DayOfWeek} at {at}",
            SeriesFrequency.Monthly => $"The {(WeekOfMonth switch { 2 => "second", 3 => "third", 4 => "fourth", -1 => "last", _ => "first" })} {DayOfWeek} of the month at {at}",
            _ => $"Every {DayOfWeek} at {at}",
        };
    }

    public SeriesSummary AsSummary() => new(Id, Title, Describe(), Frequency.ToString().ToLowerInvariant(), DayOfWeek.ToString().ToLowerInvariant(),
        WeekOfMonth, LocalTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        EndsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), MeetingPointId, IsVirtual, ApproxDistanceKm, RecurrenceRule);

    static string IcalDay(IsoDayOfWeek day) => day.ToString()[..2].ToUpperInvariant();

    /// <summary>The RFC 5545 rule for this series, e.g. FREQ=MONTHLY;BYDAY=1SU.</summary>
    public string RecurrenceRule => Frequency switch
    {
        SeriesFrequency.Weekly => $"FREQ=WEEKLY;BYDAY={IcalDay(DayOfWeek)}",
        SeriesFrequency.Fortnightly => $"FREQ=WEEKLY;INTERVAL=2;BYDAY={IcalDay(DayOfWeek)}",
        SeriesFrequency.Monthly => $"FREQ=MONTHLY;BYDAY={WeekOfMonth ?? 1}{IcalDay(DayOfWeek)}",
        _ => throw new InvalidOperationException($"Unknown frequency {Frequency}"),
    };

    /// <summary>
    /// The local dates of this series' runs from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), with the instant each starts. A time that does not exist on a clock-change day
    /// moves forward by the gap (01:30 becomes 02:30); a time that happens twice is the first one.
    /// </summary>
    public IEnumerable<(LocalDate Date, Instant StartsAt)> Occurrences(LocalDate from, LocalDate to, DateTimeZone zone)
    {
        var start = LocalDate.FromDateOnly(StartsOn);
        // Weekly and fortnightly series count their weeks from the first matching day.
        var anchor = Frequency == SeriesFrequency.Monthly ? start : start.With(DateAdjusters.NextOrSame(DayOfWeek));
        var last = EndsOn is { } end && LocalDate.FromDateOnly(end) < to ? LocalDate.FromDateOnly(end) : to;
        if (last < anchor || last < from) yield break;

        var evt = new CalendarEvent
        {
            Start = new CalDateTime(anchor.Year, anchor.Month, anchor.Day, LocalTime.Hour, LocalTime.Minute, 0, zone.Id),
            RecurrenceRule = new RecurrencePattern(RecurrenceRule),
        };
        var searchFrom = from > anchor ? from : anchor;
        foreach (var occurrence in evt.GetOccurrences(new CalDateTime(searchFrom.Year, searchFrom.Month, searchFrom.Day, 0, 0, 0, zone.Id)))
        {
            var date = LocalDate.FromDateOnly(occurrence.Period.StartTime.Date);
            if (date > last) yield break;
            if (date < from || !Matches(date)) continue; // a monthly DTSTART that is not itself a run
            yield return (date, Instant.FromDateTimeUtc(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)));
        }
    }
}

/// <summary>A series as the API shows it; times are the group's local time.</summary>
public record SeriesSummary(int Id, string Title, string Description, string Frequency, string DayOfWeek, int? WeekOfMonth, string LocalTime,
    string StartsOn, string? EndsOn, int? MeetingPointId, bool IsVirtual, int ApproxDistanceKm, string RecurrenceRule);

public enum SeriesFrequency { Weekly = 0, Fortnightly = 1, Monthly = 2 }

public class RunSeriesConfiguration : IEntityTypeConfiguration<RunSeries>
{
    public void Configure(EntityTypeBuilder<RunSeries> b)
    {
        b.Property(s => s.Title).HasMaxLength(120).IsRequired();
        b.Property(s => s.DayOfWeek).HasConversion<int>();
        b.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
        b.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MeetingPoint>().WithMany().HasForeignKey(s => s.MeetingPointId).OnDelete(DeleteBehavior.SetNull);
    }
}
