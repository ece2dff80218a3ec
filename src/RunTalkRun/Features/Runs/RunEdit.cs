using NodaTime;
using NodaTime.Text;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// A change a leader makes to one run: move it, give it another meeting point, set a cap, cancel
/// or reinstate it. The page and the API both build one, check it, then apply it: all or nothing.
/// </summary>
public class RunEdit
{
    /// <summary>An exact instant, from an ISO 8601 time with an offset.</summary>
    public Instant? StartsAt { get; init; }
    /// <summary>A wall-clock time in the group's own time zone.</summary>
    public LocalDateTime? LocalStart { get; init; }
    public int? MeetingPointId { get; init; }
    public bool CapacityGiven { get; init; }
    public int? Capacity { get; init; }
    /// <summary>True cancels the run, false reinstates it, null leaves it.</summary>
    public bool? Cancelled { get; init; }
    public string? CancelReason { get; init; }
    /// <summary>A virtual run's online address: given (empty clears it) or not.</summary>
    public bool OnlineAddressGiven { get; init; }
    public string? OnlineAddress { get; init; }

    /// <summary>Parses "2026-12-03T19:00:00+00:00" (an instant) or "2026-12-03T19:00" (local time). Null if neither.</summary>
    public static (Instant? Instant, LocalDateTime? Local) ParseStart(string text)
    {
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success && DateWindow.IsMappable(withOffset.Value.LocalDateTime)) return (withOffset.Value.ToInstant(), null);
        var utc = InstantPattern.ExtendedIso.Parse(text);
        if (utc.Success) return (utc.Value, null);
        foreach (var pattern in new[] { LocalDateTimePattern.ExtendedIso, LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm") })
        {
            var local = pattern.Parse(text);
            if (local.Success) return (null, local.Value);
        }
        return (null, null);
    }

    /// <summary>What is wrong with this change, by field name; empty when it can be applied.</summary>
    public Dictionary<string, string[]> Check(Run run, Group group, IReadOnlyCollection<MeetingPoint> meetingPoints, int going, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (run.HasStarted(now) && (StartsAt is not null || LocalStart is not null || Cancelled is not null || MeetingPointId is not null || CapacityGiven))
            Add("run", "This run has already started, so it can't be changed.");

        // Today to two years ahead (Shared/DateWindow), checked first: a date past that can't always be put in a time zone.
        var window = LocalStart is { } wanted ? DateWindow.CheckPlanned(wanted.Date, now.InZone(group.Zone).Date, "The run's date")
            : StartsAt is { } at ? DateWindow.CheckPlanned(at, now, group.Zone, "The run's date") : null;
        if (window is not null)
            Add("startsAt", window);
        else if (LocalStart is { } local)
        {
            var mapping = group.Zone.MapLocal(local);
            if (mapping.Count == 0)
                Add("startsAt", $"{local:uuuu-MM-dd HH:mm} doesn't exist in {group.TimeZoneId}: the clocks go forward then. Choose a time an hour later or earlier.");
            else if (mapping.Count == 2)
                Add("startsAt", $"{local:uuuu-MM-dd HH:mm} happens twice in {group.TimeZoneId}: the clocks go back then. Choose another time, or give the time with its UTC offset.");
        }
        if (window is null && NewStart(group) is { } start && start <= now)
            Add("startsAt", "The new time is in the past. Choose a time that's still to come.");

        if (MeetingPointId is { } mpId && run.IsVirtual && mpId != run.MeetingPointId)
            Add("meetingPointId", "A virtual run has no meeting point: everyone runs wherever they are.");
        else if (MeetingPointId is { } id && meetingPoints.All(m => m.Id != id))
            Add("meetingPointId", "Choose one of this group's own meeting points.");

        if (CapacityGiven && Capacity is { } cap)
        {
            if (cap < 2 || cap > Run.MaxCapacity)
                Add("capacity", $"A cap must be between 2 and {Run.MaxCapacity} people, including the leader. Leave it empty for no cap.");
            else if (cap < going)
                Add("capacity", $"{going} people are already coming, so the cap can't be lower than that.");
        }

        if (OnlineAddressGiven && Runs.OnlineAddress.Check(run, OnlineAddress, out _) is { } addressError)
            Add("onlineAddress", addressError);

        if (Cancelled == true)
        {
            var reason = CancelReason?.Trim() ?? "";
            if (reason.Length == 0) Add("cancelReason", "Say why the run is cancelled, so people know (for example \"The leader is unwell\").");
            else if (reason.Length > Run.CancelReasonMaxLength) Add("cancelReason", $"The reason must be {Run.CancelReasonMaxLength} characters or fewer. It has {reason.Length}.");
        }
        return errors;
    }

    Instant? NewStart(Group group) =>
        StartsAt ?? (LocalStart is { } l && group.Zone.MapLocal(l).Count == 1 ? l.InZoneStrictly(group.Zone).ToInstant() : null);

    /// <summary>Applies a change that <see cref="Check"/> found nothing wrong with.</summary>
    public void ApplyTo(Run run, Group group)
    {
        if (NewStart(group) is { } start)
        {
            // The online talk of a virtual run moves with it.
            if (run.TalkOnlineAt is { } talk) run.TalkOnlineAt = talk + (start - run.StartsAt);
            run.StartsAt = start;
        }
        if (MeetingPointId is { } mp) run.MeetingPointId = mp;
        if (CapacityGiven) run.Capacity = Capacity;
        if (OnlineAddressGiven && Runs.OnlineAddress.Check(run, OnlineAddress, out var address) is null) run.OnlineAddress = address;
        if (Cancelled == true) { run.Status = RunStatus.Cancelled; run.CancelReason = CancelReason!.Trim(); }
        if (Cancelled == false) { run.Status = RunStatus.Scheduled; run.CancelReason = null; }
    }
}
