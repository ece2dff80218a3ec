using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>A weekly run in the group's local time: "every Thursday 19:00 from the Monument".</summary>
public class RunSeries
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public int? MeetingPointId { get; set; }
    public string Title { get; set; } = "";
    public IsoDayOfWeek DayOfWeek { get; set; }
    public TimeOnly LocalTime { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>A description of the route ("about 5 km"), never a measurement of anyone.</summary>
    public int ApproxDistanceKm { get; set; } = 5;

    public Group? Group { get; set; }

    /// <summary>
    /// The local dates of this series' runs from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), with the instant each starts. Times that fall in a clock change resolve leniently.
    /// </summary>
    public IEnumerable<(LocalDate Date, Instant StartsAt)> Occurrences(LocalDate from, LocalDate to, DateTimeZone zone)
    {
        var start = LocalDate.FromDateOnly(StartsOn);
        var first = (from > start ? from : start).With(DateAdjusters.NextOrSame(DayOfWeek));
        var last = EndsOn is { } end && LocalDate.FromDateOnly(end) < to ? LocalDate.FromDateOnly(end) : to;
        var time = NodaTime.LocalTime.FromTimeOnly(LocalTime);
        for (var date = first; date <= last; date = date.PlusWeeks(1))
            yield return (date, date.At(time).InZoneLeniently(zone).ToInstant());
    }
}

public class RunSeriesConfiguration : IEntityTypeConfiguration<RunSeries>
{
    public void Configure(EntityTypeBuilder<RunSeries> b)
    {
        b.Property(s => s.Title).HasMaxLength(120).IsRequired();
        b.Property(s => s.DayOfWeek).HasConversion<int>();
        b.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MeetingPoint>().WithMany().HasForeignKey(s => s.MeetingPointId).OnDelete(DeleteBehavior.SetNull);
    }
}
