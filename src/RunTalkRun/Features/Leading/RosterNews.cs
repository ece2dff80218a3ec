using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>The words of the roster emails: cover wanted, cover taken, a run with no leader.</summary>
public static class RosterNews
{
    public static (string Subject, string Body) CoverNeeded(Run run, Group group, Member asker, CoverRequest request, Member leader, SiteLinks links) => (
        $"Can you lead? {group.Name}, {run.LocalWhen(group)}",
        $"""
        Hi {leader.Nickname},

        {asker.Nickname} can't lead {RunNews.Named(run, group)} on {run.LocalWhen(group)} ({group.ZoneName()}).{(request.Reason is { } r ? $"\n\"{r}\"" : "")}

        If you can lead it, open this page and tap "I'll lead it". The first to say yes takes it:
        {links.Absolute($"/runs/{run.Id}/cover")}

        If you can't, you don't need to do anything.
        """);

    public static (string Subject, string Body) RoleChanged(Group group, Member member, GroupRole was, GroupRole role, string actor, Member organiser, SiteLinks links) => (
        $"{member.Nickname} is {GroupRoles.WithArticle(role)} of {group.Name} now",
        $"""
        Hi {organiser.Nickname},

        {actor} changed {member.Nickname}'s role in {group.Name}: {GroupRoles.WithArticle(was)} before, {GroupRoles.WithArticle(role)} now.

        If that isn't right, change it back on the group's people page and let HQ know:
        {links.Absolute($"/groups/{group.Slug}/people")}
        """);

    public static (string Subject, string Body) CoverTaken(Run run, Group group, Member asker, Member taker, SiteLinks links) => (
        $"Covered: {group.Name}, {run.LocalWhen(group)}",
        $"""
        Hi {asker.Nickname},

        {taker.Nickname} is leading {RunNews.Named(run, group)} on {run.LocalWhen(group)} ({group.ZoneName()}) in your place.
        {links.Absolute($"/runs/{run.Id}")}
        """);

    public static (string Subject, string Body) NoLeader(Run run, Group group, Member organiser, SiteLinks links) => (
        $"No leader yet: {group.Name}, {run.LocalWhen(group)}",
        $"""
        Hi {organiser.Nickname},

        {RunNews.Named(run, group)} on {run.LocalWhen(group)} ({group.ZoneName()}) has nobody on its roster, and it starts in less than two days.
        Until someone is, it shows as "waiting for a leader", not as happening.

        Put a leader on it, or cancel it with a reason so that anyone coming hears in time:
        {links.Absolute($"/groups/{group.Slug}/roster")}
        """);
}
