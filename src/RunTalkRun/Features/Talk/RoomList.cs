using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Talk;

/// <summary>A room on a member's list, with how many messages came since they last looked (up to 100).</summary>
public record RoomListing(int Id, RoomKind Kind, string Name, string Hint, int Unread);

/// <summary>
/// The rooms a member has: their groups' rooms, the threads of runs they're coming to this week, the
/// leaders' room if they lead anywhere, and the community room of each country with groups (theirs first).
/// </summary>
public class RoomList(AppDb db, Rooms rooms, IClock clock)
{
    public const int UnreadCap = 100;

    public async Task<List<RoomListing>> MineAsync(string memberId)
    {
        var member = await db.Users.AsNoTracking().SingleAsync(u => u.Id == memberId);
        var now = clock.GetCurrentInstant();
        var wanted = new List<(Room Room, string Name, string Hint)>();
        var groups = await db.Memberships.AsNoTracking().Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt)
            .Select(m => new { m.Group!.Id, m.Group.Name, m.Group.Country, m.Role }).ToListAsync();
        foreach (var g in groups)
            wanted.Add((await rooms.GetOrCreateAsync(RoomKind.Group, groupId: g.Id), g.Name, "Your group's chat"));
        var week = now.Plus(Duration.FromDays(7));
        var runs = await db.Rsvps.AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Run!.StartsAt > now.Plus(Duration.FromHours(-3)) && r.Run.StartsAt < week && r.Run.Status != RunStatus.Cancelled)
            .OrderBy(r => r.Run!.StartsAt).Select(r => new { Run = r.Run!, Group = r.Run!.Group! }).ToListAsync();
        foreach (var r in runs)
            wanted.Add((await rooms.GetOrCreateAsync(RoomKind.Run, runId: r.Run.Id), $"{r.Group.Name}: {r.Run.LocalWhen(r.Group)}", "For the run: \"running late, where are you?\""));
        if (member.IsHq || groups.Any(g => g.Role != GroupRole.Member))
            wanted.Add((await rooms.GetOrCreateAsync(RoomKind.Leaders), "Leaders", "Every group's leaders and HQ"));
        var mine = groups.Select(g => g.Country).ToList();
        var countries = (await db.Groups.Listed().Select(g => g.Country).Distinct().ToListAsync())
            .OrderBy(c => mine.Contains(c) ? 0 : 1).ThenBy(Countries.NameOf);
        foreach (var c in countries)
            wanted.Add((await rooms.GetOrCreateAsync(RoomKind.Country, country: c), $"{Countries.NameOf(c)} community", "Everyone in the country"));

        var listings = new List<RoomListing>();
        foreach (var (room, name, hint) in wanted)
            listings.Add(new RoomListing(room.Id, room.Kind, name, hint, await UnreadAsync(room.Id, memberId)));
        var removed = await db.RoomBans.Where(b => b.MemberId == memberId && b.Kind == BanKind.Removed).Select(b => b.RoomId).ToListAsync();
        return listings.Where(l => !removed.Contains(l.Id)).ToList();
    }

    /// <summary>Messages by others since the member last looked, counting up to <see cref="UnreadCap"/>.</summary>
    public async Task<int> UnreadAsync(int roomId, string memberId)
    {
        var last = await db.RoomReads.Where(r => r.RoomId == roomId && r.MemberId == memberId).Select(r => (long?)r.LastReadId).SingleOrDefaultAsync() ?? 0;
        return await db.Messages.Where(m => m.RoomId == roomId && m.Id > last && m.AuthorId != memberId && m.DeletedAt == null && m.HiddenAt == null)
            .Take(UnreadCap).CountAsync();
    }
}
