using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Talk;

/// <summary>What one member may do in one room, and what the room is called.</summary>
public record RoomAccess(Room Room, string Name, Group? Group, Run? Run, bool CanRead, bool CanPost, bool CanModerate, RoomBan? Ban, string HelpCountry)
{
    public bool IsMuted => Ban?.Kind == BanKind.Muted;
    public bool IsRemoved => Ban?.Kind == BanKind.Removed;
    /// <summary>
    /// Someone who may not know the room exists (not in it, not moderating it, never removed from it): for them
    /// the room and its messages are "not found", the same as an id that was never used, so ids can't be probed.
    /// </summary>
    public bool IsHidden => !CanRead && !IsRemoved;

    /// <summary>Where the room's times belong: its group's (a run's thread: the run's group), a country room's country, else the site's.</summary>
    public Time.TimePlace Place => Group is { } g ? Time.TimePlace.Of(g)
        : Room.Country is { } country ? Time.TimePlace.OfCountry(country)
        : Time.TimePlace.Site;
}

/// <summary>
/// The rooms and who is in them. A group's room: its members, leaders and organisers. A run's thread:
/// the group's people and anyone coming to the run. The leaders' room: everyone who leads a group, and HQ.
/// A country's community room: any signed-in member. Organisers moderate their group's room and runs'
/// threads; HQ moderators moderate every room. Nobody sees who is in a room: only who wrote.
/// </summary>
public class Rooms(AppDb db, IClock clock)
{
    public async Task<Room> GetOrCreateAsync(RoomKind kind, int? groupId = null, int? runId = null, string? country = null)
    {
        var key = Room.KeyFor(kind, groupId, runId, country);
        if (await db.Rooms.SingleOrDefaultAsync(r => r.Key == key) is { } found) return found;
        var room = new Room { Kind = kind, Key = key, GroupId = groupId, RunId = runId, Country = country, CreatedAt = clock.GetCurrentInstant() };
        db.Rooms.Add(room);
        try
        {
            await db.SaveChangesAsync();
            return room;
        }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe))
        {
            // Someone else made it at the same moment: theirs is the room.
            db.Entry(room).State = EntityState.Detached;
            return await db.Rooms.SingleAsync(r => r.Key == key);
        }
    }

    public async Task<RoomAccess?> AccessAsync(int roomId, string memberId)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId);
        return room is null ? null : await AccessAsync(room, memberId);
    }

    public async Task<RoomAccess?> AccessAsync(Room room, string memberId)
    {
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == memberId);
        if (member is null) return null;
        var isModerator = member.HqRole == HqRole.Moderator;
        var run = room.RunId is { } runId ? await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId) : null;
        var groupId = room.GroupId ?? run?.GroupId;
        var group = groupId is { } gid ? await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == gid) : null;
        var role = groupId is { } id
            ? await db.Memberships.Where(m => m.GroupId == id && m.MemberId == memberId).Select(m => (GroupRole?)m.Role).SingleOrDefaultAsync()
            : null;
        var (inRoom, moderates, name) = room.Kind switch
        {
            RoomKind.Group => (role is not null, role == GroupRole.Organiser, group?.Name ?? "A group"),
            RoomKind.Run => (role is not null || await db.Rsvps.AnyAsync(r => r.RunId == room.RunId && r.MemberId == memberId),
                role == GroupRole.Organiser, run is null || group is null ? "A run" : $"{group.Name}: {run.LocalWhen(group)}"),
            RoomKind.Leaders => (member.IsHq || await db.Memberships.Leading().AnyAsync(m => m.MemberId == memberId), false, "Leaders"),
            _ => (true, false, $"{Countries.NameOf(room.Country ?? "")} community"),
        };
        moderates |= isModerator;
        var now = clock.GetCurrentInstant();
        var ban = moderates ? null : await db.RoomBans.AsNoTracking().SingleOrDefaultAsync(b => b.RoomId == room.Id && b.MemberId == memberId);
        if (ban is not null && !ban.InForce(now)) ban = null;
        var canRead = (inRoom || moderates) && ban?.Kind != BanKind.Removed;
        var canPost = canRead && ban?.Kind != BanKind.Muted;
        var helpCountry = group?.Country ?? await HomeCountryAsync(memberId) ?? room.Country ?? Help.CrisisLines.DefaultCountry;
        return new RoomAccess(room, name, group, run, canRead, canPost, moderates, ban, helpCountry);
    }

    /// <summary>The country a member's own groups are in (their first), for the crisis lines shown to them.</summary>
    public Task<string?> HomeCountryAsync(string memberId) =>
        db.Memberships.Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt).Select(m => m.Group!.Country).FirstOrDefaultAsync();
}
