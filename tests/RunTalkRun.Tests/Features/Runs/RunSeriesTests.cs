using NodaTime;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>A weekly run keeps its local time across clock changes, in each group's own time zone.</summary>
public class RunSeriesTests
{
    static RunSeries Weekly(IsoDayOfWeek day, int hour, int minute = 0) => new()
    {
        Title = "Weekly run", DayOfWeek = day, LocalTime = new TimeOnly(hour, minute), StartsOn = new DateOnly(2026, 1, 1),
    };

    static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    [Fact]
    public void London_Thursday_19_00_stays_19_00_local_across_both_clock_changes()
    {
        var zone = Zone("Europe/London");
        var runs = Weekly(IsoDayOfWeek.Thursday, 19).Occurrences(new LocalDate(2026, 3, 19), new LocalDate(2026, 11, 5), zone).ToList();
        Assert.All(runs, r => Assert.Equal(new LocalTime(19, 0), r.StartsAt.InZone(zone).TimeOfDay));
        Assert.All(runs, r => Assert.Equal(IsoDayOfWeek.Thursday, r.Date.DayOfWeek));
        // 19 March is GMT (19:00 UTC); 2 April is BST (18:00 UTC); 29 October is GMT again.
        Assert.Equal(Instant.FromUtc(2026, 3, 19, 19, 0), runs.Single(r => r.Date == new LocalDate(2026, 3, 19)).StartsAt);
        Assert.Equal(Instant.FromUtc(2026, 4, 2, 18, 0), runs.Single(r => r.Date == new LocalDate(2026, 4, 2)).StartsAt);
        Assert.Equal(Instant.FromUtc(2026, 10, 29, 19, 0), runs.Single(r => r.Date == new LocalDate(2026, 10, 29)).StartsAt);
        Assert.Equal(7, (runs[1].Date.ToDateOnly().DayNumber - runs[0].Date.ToDateOnly().DayNumber));
    }

    [Fact]
    public void Brisbane_has_no_daylight_saving_so_the_UTC_time_never_moves()
    {
        var zone = Zone("Australia/Brisbane");
        var runs = Weekly(IsoDayOfWeek.Sunday, 6, 30).Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), zone).ToList();
        Assert.Equal(52, runs.Count);
        Assert.All(runs, r => Assert.Equal(new LocalTime(20, 30), r.StartsAt.InUtc().TimeOfDay)); // 06:30 AEST = 20:30 UTC the day before
    }

    [Fact]
    public void Los_Angeles_changes_clocks_on_other_dates_than_London()
    {
        var la = Zone("America/Los_Angeles");
        var series = Weekly(IsoDayOfWeek.Saturday, 8);
        // US clocks go forward on 8 March 2026; the UK's on 29 March.
        var runs = series.Occurrences(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 31), la).ToList();
        Assert.Equal(Instant.FromUtc(2026, 3, 7, 16, 0), runs[0].StartsAt);  // PST, UTC-8
        Assert.Equal(Instant.FromUtc(2026, 3, 14, 15, 0), runs[1].StartsAt); // PDT, UTC-7
        Assert.All(runs, r => Assert.Equal(new LocalTime(8, 0), r.StartsAt.InZone(la).TimeOfDay));
    }

    [Fact]
    public void A_run_in_the_skipped_hour_of_a_clock_change_is_moved_later_not_lost()
    {
        var zone = Zone("Europe/London");
        var series = Weekly(IsoDayOfWeek.Sunday, 1, 30); // 01:30 does not exist on 29 March 2026 in London
        var run = series.Occurrences(new LocalDate(2026, 3, 29), new LocalDate(2026, 3, 29), zone).Single();
        Assert.Equal(new LocalDate(2026, 3, 29), run.Date);
        Assert.Equal(new LocalTime(2, 30), run.StartsAt.InZone(zone).TimeOfDay);
    }

    [Fact]
    public void A_series_yields_nothing_before_it_starts_or_after_it_ends()
    {
        var zone = Zone("Europe/London");
        var series = Weekly(IsoDayOfWeek.Monday, 18);
        series.StartsOn = new DateOnly(2026, 6, 1);
        series.EndsOn = new DateOnly(2026, 6, 30);
        var runs = series.Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), zone).ToList();
        Assert.Equal([1, 8, 15, 22, 29], runs.Select(r => r.Date.Day));
    }
}

public class RunSeriesRecurrenceTests
{
    static DateTimeZone London => DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_fortnightly_series_skips_every_other_week_from_its_first_run()
    {
        var series = new RunSeries { Frequency = SeriesFrequency.Fortnightly, DayOfWeek = IsoDayOfWeek.Saturday, LocalTime = new TimeOnly(9, 0), StartsOn = new DateOnly(2026, 1, 1) };
        var dates = series.Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 28), London).Select(o => o.Date).ToList();
        Assert.Equal([new LocalDate(2026, 1, 3), new LocalDate(2026, 1, 17), new LocalDate(2026, 1, 31), new LocalDate(2026, 2, 14), new LocalDate(2026, 2, 28)], dates);
    }

    [Fact]
    public void A_monthly_first_sunday_series_runs_on_the_first_sunday_and_keeps_its_local_time()
    {
        var series = new RunSeries { Frequency = SeriesFrequency.Monthly, WeekOfMonth = 1, DayOfWeek = IsoDayOfWeek.Sunday, LocalTime = new TimeOnly(10, 0), StartsOn = new DateOnly(2026, 1, 1) };
        Assert.Equal("FREQ=MONTHLY;BYDAY=1SU", series.RecurrenceRule);
        var runs = series.Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2026, 6, 30), London).ToList();
        Assert.Equal([4, 1, 1, 5, 3, 7], runs.Select(r => r.Date.Day));
        Assert.All(runs, r => Assert.Equal(new LocalTime(10, 0), r.StartsAt.InZone(London).TimeOfDay));
    }

    [Fact]
    public void A_monthly_series_that_starts_on_a_non_matching_day_does_not_run_that_day()
    {
        // 8 March 2026 is the second Sunday; "first Sunday" starting then runs first on 5 April.
        var series = new RunSeries { Frequency = SeriesFrequency.Monthly, WeekOfMonth = 1, DayOfWeek = IsoDayOfWeek.Sunday, LocalTime = new TimeOnly(10, 0), StartsOn = new DateOnly(2026, 3, 8) };
        var runs = series.Occurrences(new LocalDate(2026, 3, 1), new LocalDate(2026, 5, 31), London).Select(r => r.Date).ToList();
        Assert.Equal([new LocalDate(2026, 4, 5), new LocalDate(2026, 5, 3)], runs);
    }

    [Fact]
    public void A_monthly_last_friday_series_finds_the_last_friday()
    {
        var series = new RunSeries { Frequency = SeriesFrequency.Monthly, WeekOfMonth = -1, DayOfWeek = IsoDayOfWeek.Friday, LocalTime = new TimeOnly(18, 0), StartsOn = new DateOnly(2026, 1, 1) };
        var runs = series.Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2026, 3, 31), London).ToList();
        Assert.Equal([new LocalDate(2026, 1, 30), new LocalDate(2026, 2, 27), new LocalDate(2026, 3, 27)], runs.Select(r => r.Date));
    }

    [Fact]
    public void A_run_at_a_time_that_happens_twice_is_the_first_of_the_two()
    {
        var series = new RunSeries { DayOfWeek = IsoDayOfWeek.Sunday, LocalTime = new TimeOnly(1, 30), StartsOn = new DateOnly(2026, 1, 1) };
        var run = series.Occurrences(new LocalDate(2026, 10, 25), new LocalDate(2026, 10, 25), London).Single();
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), run.StartsAt); // 01:30 BST, not 01:30 GMT
    }
}
