using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Talk;

public record QueueReport(string Reason, Instant At);
/// <summary>A message waiting for a look; its times are shown where its room belongs (<paramref name="Place"/>).</summary>
public record QueueItem(ChatMessage Message, string Author, int RoomId, string RoomName, bool Crisis, List<QueueReport> Reports, Time.TimePlace Place);
public record LoggedAction(Instant At, string Moderator, string Action, string RoomName, string Detail, Time.TimePlace Place);

/// <summary>
/// What waits for a moderator: messages reported and not yet decided, and messages that used crisis language
/// and nobody has looked at, in the rooms they moderate (all rooms for HQ moderators, their groups' rooms
/// for organisers); and the moderation actions taken in those rooms.
/// </summary>
public class ModerationQueue(AppDb db, Rooms rooms, IClock clock)
{
    public async Task<bool> ModeratesAnyAsync(string memberId) =>
        await db.Users.AnyAsync(u => u.Id == memberId && u.HqRole == HqRole.Moderator)
        || await db.Memberships.AnyAsync(m => m.MemberId == memberId && m.Role == GroupRole.Organiser);

    IQueryable<Room> Moderated(string memberId, bool hq)
    {
        if (hq) return db.Rooms;
        var groups = db.Memberships.Where(m => m.MemberId == memberId && m.Role == GroupRole.Organiser).Select(m => m.GroupId);
        return db.Rooms.Where(r => (r.GroupId != null && groups.Contains(r.GroupId.Value))
            || (r.RunId != null && db.Runs.Any(run => run.Id == r.RunId && groups.Contains(run.GroupId))));
    }

    public async Task<List<QueueItem>> WaitingAsync(string memberId)
    {
        var hq = await db.Users.AnyAsync(u => u.Id == memberId && u.HqRole == HqRole.Moderator);
        var roomIds = Moderated(memberId, hq).Select(r => r.Id);
        var messages = await db.Messages.AsNoTracking()
            .Where(m => roomIds.Contains(m.RoomId)
                && ((m.CrisisAt != null && m.CrisisSeenAt == null) || db.MessageReports.Any(r => r.MessageId == m.Id && r.ClosedAt == null)))
            .OrderBy(m => m.Id).Take(200)
            .Select(m => new { Message = m, Author = m.Author!.Nickname }).ToListAsync();
        var ids = messages.Select(m => m.Message.Id).ToList();
        var reports = (await db.MessageReports.AsNoTracking().Where(r => ids.Contains(r.MessageId) && r.ClosedAt == null).OrderBy(r => r.At).ToListAsync())
            .ToLookup(r => r.MessageId);
        var names = await RoomsAsync(messages.Select(m => m.Message.RoomId), memberId);
        if (messages.Count > 0)
        {
            // Reported and flagged messages are other people's words, some hidden from the room: each read is logged.
            db.Record(memberId, "read-moderation-queue", "moderation-queue", $"{messages.Count} message(s): {string.Join(", ", ids.Take(40))}", clock.GetCurrentInstant());
            await db.SaveChangesAsync();
        }
        return messages.Select(m => new QueueItem(m.Message, m.Author, m.Message.RoomId, names[m.Message.RoomId].Name,
            m.Message.CrisisAt != null && m.Message.CrisisSeenAt == null,
            reports[m.Message.Id].Select(r => new QueueReport(r.Reason, r.At)).ToList(), names[m.Message.RoomId].Place)).ToList();
    }

    /// <summary>The latest moderation actions in the rooms the member moderates, newest first.</summary>
    public async Task<List<LoggedAction>> LogAsync(string memberId, int take = 30)
    {
        var hq = await db.Users.AnyAsync(u => u.Id == memberId && u.HqRole == HqRole.Moderator);
        var keys = await Moderated(memberId, hq).Select(r => "room:" + r.Id).ToListAsync();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("chat.") && keys.Contains(a.Subject))
            .OrderByDescending(a => a.Id).Take(take)
            .Select(a => new { a.At, a.Action, a.Subject, a.Detail, Moderator = db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Nickname).FirstOrDefault() })
            .ToListAsync();
        var names = await RoomsAsync(entries.Select(e => int.Parse(e.Subject["room:".Length..])), memberId);
        return entries.Select(e =>
        {
            var room = names[int.Parse(e.Subject["room:".Length..])];
            return new LoggedAction(e.At, e.Moderator ?? "someone", ActionName(e.Action), room.Name, e.Detail, room.Place);
        }).ToList();
    }

    /// <summary>Each room's name, and where its times belong.</summary>
    async Task<Dictionary<int, (string Name, Time.TimePlace Place)>> RoomsAsync(IEnumerable<int> roomIds, string memberId)
    {
        var found = new Dictionary<int, (string Name, Time.TimePlace Place)>();
        foreach (var id in roomIds.Distinct())
            found[id] = await rooms.AccessAsync(id, memberId) is { } access ? (access.Name, access.Place) : ("A room", Time.TimePlace.Site);
        return found;
    }

    static string ActionName(string action) => action switch
    {
        "chat.hide" => "hid a message",
        "chat.keep" => "kept a message",
        "chat.unhide" => "showed a message again",
        "chat.mute" => "muted a member",
        "chat.remove" => "removed a member",
        "chat.lift" => "lifted a mute or removal",
        _ => action,
    };
}
