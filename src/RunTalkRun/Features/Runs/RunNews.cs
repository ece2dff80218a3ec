using RunTalkRun.Features.Time;
using NodaTime;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// The words of the emails about runs. Plain, kind, and never more personal data than the reader
/// may see: a leader's summary has counts and a link, not the list of names.
/// </summary>
public static class RunNews
{
    static string Where(Run run) => run.IsVirtual
        ? "Wherever you are: it's a virtual run. The link to the online talk is on the run's page, for the people coming, shortly before the start."
        : run.MeetingPoint is { } mp ? $"{mp.Name}, {mp.Address}" : "The group's usual meeting place.";

    public static (string Subject, string Body) Cancelled(Run run, Group group, Member member, SiteLinks links) => (
        $"Cancelled: {group.Name} run on {run.LocalWhen(group)}",
        $"""
        Hi {member.Nickname},

        Sorry: {Named(run, group)} on {run.LocalWhen(group)} ({group.ZoneName()}) is cancelled.

        The leader says: "{run.CancelReason}"

        You don't need to do anything. The group's other runs are here:
        {links.Absolute($"/groups/{group.Slug}")}
        """);

    /// <summary>
    /// "Your run has changed": each change with its old and new values in the group's own time, then the run as it
    /// now is. The subject says "Changed: tonight's run" when the run starts within a day.
    /// </summary>
    public static (string Subject, string Body) Changed(Run run, Group group, Member member, RunChangeNews change, Instant now, SiteLinks links)
    {
        var place = TimePlace.Of(group);
        var soon = run.StartsAt - now < Duration.FromHours(24);
        var subject = change.Reinstated
            ? soon ? $"Back on: {Soon(run, group, now)} {group.Name} run, {run.LocalWhen(group)}" : $"Back on: {group.Name} run on {run.LocalWhen(group)}"
            : soon ? $"Changed: {Soon(run, group, now)} {group.Name} run, now {run.LocalWhen(group)}" : $"Run changed: {group.Name} run, now on {run.LocalWhen(group)}";
        var lines = new List<string>();
        if (change.Reinstated) lines.Add("It's back on: it was cancelled, and now it isn't.");
        if (change.OldStartsAt != change.NewStartsAt)
            lines.Add($"Time: it was {TimeText.When(change.OldStartsAt, place)}; it's now {TimeText.When(change.NewStartsAt, place)} ({group.ZoneName()}).");
        if (change.MeetingPointChanged)
            lines.Add($"Meeting point: it was {PlaceName(change.OldMeetingPoint)}; it's now {PlaceName(change.NewMeetingPoint)}.");
        var body = $"""
            Hi {member.Nickname},

            {Named(run, group)} has changed.

            {string.Join("\n", lines)}

            So it's now:
            When: {run.LocalWhen(group)} ({group.ZoneName()})
            Where: {Where(run)}

            If the new plan doesn't suit you, that's fine: you can change yours on the run's page.
            {links.Absolute($"/runs/{run.Id}")}
            """;
        return (subject, body);
    }

    static string PlaceName(MeetingPoint? mp) => mp is null ? "the group's usual meeting place" : $"{mp.Name}, {mp.Address}";

    /// <summary>"today's", "tonight's" or "tomorrow's", in the group's own time.</summary>
    static string Soon(Run run, Group group, Instant now)
    {
        var start = run.LocalStart(group.Zone);
        if (start.Date != now.InZone(group.Zone).Date) return "tomorrow's";
        return start.Hour >= 17 ? "tonight's" : "today's";
    }

    public static (string Subject, string Body) PlaceOffered(Run run, Group group, Member member, Instant expires, SiteLinks links) => (
        $"A place is yours: {group.Name} run on {run.LocalWhen(group)}",
        $"""
        Hi {member.Nickname},

        Good news: a place has come up on {Named(run, group)} on {run.LocalWhen(group)} ({group.ZoneName()}).

        We're holding it for you until {TimeText.Time(expires, TimePlace.Of(group))} on {TimeText.DayNoYear(expires, TimePlace.Of(group))} ({group.ZoneName()}).
        To take it, open the run's page and choose "Take the place":
        {links.Absolute($"/runs/{run.Id}")}

        If you can't make it, you don't need to do anything: the place will go to the next person.
        """);

    public static (string Subject, string Body) Reminder(Run run, Group group, Member member, bool dayBefore, SiteLinks links) => (
        dayBefore ? $"Tomorrow: {group.Name} run, {run.LocalWhen(group)}" : $"In two hours: {group.Name} run, {run.LocalWhen(group)}",
        $"""
        Hi {member.Nickname},

        {(dayBefore ? "A reminder that you're coming to a run tomorrow." : "A reminder that you're coming to a run in about two hours.")}

        {run.Title}
        When: {run.LocalWhen(group)} ({group.ZoneName()})
        Where: {Where(run)}

        We run as slow as the slowest runner, and walk whenever anyone wants to.
        If you can't make it any more, that's fine: saying so on the run's page frees your place for someone else.
        {links.Absolute($"/runs/{run.Id}")}
        """);

    public static (string Subject, string Body) LeaderSummary(Run run, Group group, Member leader, int going, int firstTimers, int waiting, SiteLinks links) => (
        $"Today: {Coming(going, firstTimers)} – {group.Name}, {TimeText.Time(run.StartsAt, TimePlace.Of(group))}",
        $"""
        Hi {leader.Nickname},

        For {Named(run, group)} today, {run.LocalWhen(group)} ({group.ZoneName()}): {Coming(going, firstTimers)}.{(waiting > 0 ? $" {waiting} on the waitlist." : "")}
        {(firstTimers > 0 ? "Look out for the first-timers and say hello." : "")}

        Who's coming: {links.Absolute($"/runs/{run.Id}/whos-coming")}
        The register, at the run: {links.Absolute($"/runs/{run.Id}/register")}
        If you can't lead it after all, you can cancel it with a reason here: {links.Absolute($"/runs/{run.Id}/manage")}
        """);

    /// <summary>"Truro's Thursday evening run": the run's own name, which usually ends in "run" already.</summary>
    public static string Named(Run run, Group group) => $"{group.Name}'s {run.Title}";

    /// <summary>"7 coming, 2 first-timers".</summary>
    public static string Coming(int going, int firstTimers) =>
        (going == 0 ? "nobody has said they're coming yet" : $"{going} coming")
        + (firstTimers switch { 0 => "", 1 => ", 1 first-timer", var n => $", {n} first-timers" });
}
