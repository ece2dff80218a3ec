using RunTalkRun.Features.Time;
using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>A run as the API shows it to anyone: a count of who is coming, never who.</summary>
public record RunSummary(
    int Id,
    string Group,
    string Title,
    DateTimeOffset StartsAt,
    string TimeZone,
    MeetingPointSummary? MeetingPoint,
    string Status,
    string? CancelReason,
    int ApproxDistanceKm,
    int? Capacity,
    int GoingCount,
    bool IsVirtual = false,
    DateTimeOffset? TalkOnlineAt = null,
    bool HasLeader = true)
{
    /// <summary>Set only when asked for runs near a point.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }

    /// <summary>The group's country, for writing the time its way on pages; not part of the API.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Country { get; init; } = "GB";
}

public static class RunSummaries
{
    /// <summary>
    /// The run for the API. <paramref name="hasLeader"/>: whether a leader is on its roster; a
    /// scheduled run without one is not confirmed, and pages say so.
    /// </summary>
    public static RunSummary AsSummary(this Run run, Group group, int goingCount, bool hasLeader) => new(
        run.Id,
        group.Slug,
        run.Title,
        run.LocalStart(group.Zone).ToDateTimeOffset(),
        group.TimeZoneId,
        run.MeetingPoint?.AsSummary(),
        run.Status.ToString().ToLowerInvariant(),
        run.CancelReason,
        run.ApproxDistanceKm,
        run.Capacity,
        goingCount,
        run.IsVirtual,
        run.TalkOnlineAt?.InZone(group.Zone).ToDateTimeOffset(),
        hasLeader) { Country = group.Country };

    /// <summary>"Thursday 26 November 2026, 7:00pm" in the group's own time and way of writing dates.</summary>
    public static string LocalWhen(this Run run, Group group) => TimeText.When(run.StartsAt, TimePlace.Of(group));

    /// <summary>"UK time", "Brisbane time": see <see cref="TimePlace.ZoneName"/>.</summary>
    public static string ZoneName(this Group group) => TimePlace.ZoneNameOf(group.TimeZoneId);

    public static string ZoneName(string timeZoneId) => TimePlace.ZoneNameOf(timeZoneId);
}
