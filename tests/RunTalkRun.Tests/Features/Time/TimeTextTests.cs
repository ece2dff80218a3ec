using NodaTime;
using RunTalkRun.Features.Time;

namespace RunTalkRun.Tests.Features.Time;

/// <summary>The one way a time is written: in the zone it belongs to, the way its country writes it, never "UTC".</summary>
public class TimeTextTests
{
    static readonly Instant SummerEvening = Instant.FromUtc(2027, 7, 1, 18, 0); // 19:00 in London (BST)
    static readonly Instant WinterMorning = Instant.FromUtc(2027, 3, 4, 20, 30); // 06:30 on 5 March in Brisbane

    [Fact]
    public void A_UK_time_is_written_on_the_24_hour_clock_in_UK_time_not_UTC()
    {
        var place = TimePlace.Of("Europe/London", "GB");
        Assert.Equal("19:00", TimeText.Time(SummerEvening, place));
        Assert.Equal("Thursday 1 July 2027, 19:00", TimeText.When(SummerEvening, place));
        Assert.Equal("UK time", place.ZoneName);
    }

    [Fact]
    public void A_US_time_is_written_with_am_and_pm_in_the_groups_own_zone()
    {
        var place = TimePlace.Of("America/Los_Angeles", "US");
        Assert.Equal("11:00am", TimeText.Time(SummerEvening, place));
        Assert.Equal("Thursday 1 July 2027, 11:00am", TimeText.When(SummerEvening, place));
        Assert.Equal("7:00pm", TimeText.Time(new LocalTime(19, 0), "US"));
        Assert.Equal("12:05am", TimeText.Time(new LocalTime(0, 5), "US"));
        Assert.Equal("12:30pm", TimeText.Time(new LocalTime(12, 30), "US"));
        Assert.Equal("Los Angeles time", place.ZoneName);
    }

    [Fact]
    public void A_Brisbane_time_falls_on_the_Brisbane_day()
    {
        var place = TimePlace.Of("Australia/Brisbane", "AU");
        Assert.Equal("Friday 5 March 2027, 06:30", TimeText.When(WinterMorning, place));
        Assert.Equal("5 March 2027", TimeText.Date(WinterMorning, place));
        Assert.Equal(new LocalDate(2027, 3, 5), place.Today(WinterMorning));
        Assert.Equal("Brisbane time", place.ZoneName);
    }

    [Fact]
    public void Short_times_leave_out_the_year_only_when_it_is_this_year()
    {
        var place = TimePlace.Site;
        Assert.Equal("1 Jul, 19:00", TimeText.Short(SummerEvening, place, now: SummerEvening));
        Assert.Equal("1 Jul 2027, 19:00", TimeText.Short(SummerEvening, place, now: Instant.FromUtc(2028, 1, 2, 0, 0)));
        Assert.Equal("1 Jul 2027, 19:00", TimeText.Stamp(SummerEvening, place));
    }

    [Fact]
    public void No_written_time_says_UTC()
    {
        foreach (var place in new[] { TimePlace.Site, TimePlace.OfCountry("US"), TimePlace.OfCountry("AU"), TimePlace.Of("Etc/UTC", "GB") })
        {
            Assert.DoesNotContain("UTC", TimeText.When(SummerEvening, place));
            Assert.DoesNotContain("UTC", TimeText.Short(SummerEvening, place, SummerEvening));
        }
        Assert.Equal("2027-07-01T18:00:00Z", TimeText.Iso(SummerEvening));
    }

    [Fact]
    public void A_pause_in_a_chat_room_ends_on_a_day_and_time_without_the_year()
    {
        Assert.Equal("Thursday 1 July, 19:00", TimeText.DayAndTime(SummerEvening, TimePlace.Site));
        Assert.Equal("Thursday 1 July, 11:00am", TimeText.DayAndTime(SummerEvening, TimePlace.Of("America/Los_Angeles", "US")));
        Assert.Equal("Friday 5 March, 06:30", TimeText.DayAndTime(WinterMorning, TimePlace.Of("Australia/Brisbane", "AU")));
    }

    [Fact]
    public void Dates_without_a_time_are_written_the_same_way_whatever_type_holds_them()
    {
        Assert.Equal("5 March 2027", TimeText.Date(new DateOnly(2027, 3, 5)));
        Assert.Equal("5 Mar 2027", TimeText.ShortDate(new LocalDate(2027, 3, 5)));
        Assert.Equal("5 Mar 2027", TimeText.ShortDate(new DateOnly(2027, 3, 5)));
    }
}
