using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Groups;

/// <summary>
/// Joining a group makes you one of its members: in its chat room, and counted among its people. Leaders and
/// organisers leave by asking an organiser to change their role first, so no run loses its leader unnoticed.
/// </summary>
public static class Joining
{
    public static async Task<string?> JoinAsync(AppDb db, Group group, string memberId, Instant now)
    {
        if (group.Status == GroupStatus.Launching) return $"{group.Name} is just getting started: you can join when it's open.";
        if (await db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.MemberId == memberId)) return null;
        db.Memberships.Add(new GroupMembership { GroupId = group.Id, MemberId = memberId, Role = GroupRole.Member, JoinedAt = now });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { } // joined at the same moment from another tab: one membership stands
        return null;
    }

    /// <summary>Leaves the group and its chat room; null when done, or why not.</summary>
    public static async Task<string?> LeaveAsync(AppDb db, Group group, string memberId, Talk.TalkPresence presence)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == group.Id && m.MemberId == memberId);
        if (membership is null) return null;
        if (membership.Role != GroupRole.Member)
            return $"You lead runs for {group.Name}. Ask an organiser to make you a member first, so your runs find another leader.";
        var left = await db.Memberships.Where(m => m.Id == membership.Id && m.Role == GroupRole.Member).ExecuteDeleteAsync();
        if (left == 0) return $"Your role in {group.Name} changed just now. Look again.";
        await presence.RecheckAsync(memberId); // out of the group's room, and its runs' threads unless coming
        return null;
    }
}
