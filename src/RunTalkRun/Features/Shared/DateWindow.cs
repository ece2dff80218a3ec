using System.Globalization;
using NodaTime;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// The one window every date the pages and the API take must fall in, so a far-future or far-past date gets a
/// clear answer instead of being saved and breaking a page later (a calendar file, a series' occurrences).
/// Runs, series and their ends are planned from today up to <see cref="PlanAheadYears"/> years ahead; searches
/// look from a year back to that far ahead; a training course was done since 1950 and runs out within 10 years.
/// </summary>
public static class DateWindow
{
    public const int PlanAheadYears = 2;
    public const int SearchBackYears = 1;
    public const int TrainingValidYears = 10;
    public static readonly LocalDate EarliestTraining = new(1950, 1, 1);


    /// <summary>The last day a run or series may be planned for, seen from <paramref name="today"/>.</summary>
    public static LocalDate LatestPlanned(LocalDate today) => today.PlusYears(PlanAheadYears);

    /// <summary>Null when <paramref name="date"/> is from today to two years ahead; else what to fix, naming <paramref name="what"/>.</summary>
    public static string? CheckPlanned(LocalDate date, LocalDate today, string what)
    {
        if (date < today) return $"{what} can't be in the past. Choose today or a later date.";
        if (date > LatestPlanned(today))
            return $"{what} can be at most {PlanAheadYears} years ahead: choose a date by {Time.TimeText.Date(LatestPlanned(today))}.";
        return null;
    }

    /// <summary>The same for a moment (a run's new start), in the group's time zone.</summary>
    public static string? CheckPlanned(Instant when, Instant now, DateTimeZone zone, string what) =>
        CheckPlanned(when.InZone(zone).Date, now.InZone(zone).Date, what);

    /// <summary>A local date and time far enough inside the calendar that it can be mapped into any time zone.</summary>
    public static bool IsMappable(LocalDateTime local) => local.Year is > 1 and < 9999;

    /// <summary>Null when a search from or to is between a year back and two years ahead (UTC days).</summary>
    public static string? CheckSearch(Instant when, Instant now, string field)
    {
        var today = now.InUtc().Date;
        var date = when.InUtc().Date;
        var earliest = today.PlusYears(-SearchBackYears);
        var latest = LatestPlanned(today);
        return date < earliest || date > latest
            ? $"{field} must be between {earliest.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)} and {latest.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}: runs are planned at most {PlanAheadYears} years ahead."
            : null;
    }
}
