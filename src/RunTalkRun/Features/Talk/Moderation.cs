using NodaTime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// Reports and what moderators do about them: hide a message (its text kept for moderators), keep it,
/// mute a member in a room or remove them from it. Every moderation action is written to the audit log.
/// </summary>
public class Moderation(AppDb db, Rooms rooms, IHubContext<TalkHub> hub, TalkPresence presence, IClock clock, ChatAlerts alerts)
{
    public async Task<ChatResult> ReportAsync(string memberId, long messageId, string? reason)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId);
        if (message is null) return ChatResult.NoSuchMessage;
        var access = await rooms.AccessAsync(message.RoomId, memberId);
        if (access is null || access.IsHidden) return ChatResult.NoSuchMessage;
        if (Chat.Refusal(access) is { } refused) return refused;
        var why = (reason ?? "").Trim();
        if (why.Length == 0) return ChatResult.Refused(ChatProblem.Invalid, "Say briefly what's wrong with this message, so a moderator knows what to look for.");
        if (why.Length > MessageReport.ReasonMaxLength) return ChatResult.Refused(ChatProblem.Invalid, $"Keep the reason to {MessageReport.ReasonMaxLength} characters or fewer. Yours has {why.Length}.");
        if (message.AuthorId == memberId) return ChatResult.Refused(ChatProblem.Invalid, "This is your own message: you can delete it instead.");
        var report = new MessageReport { MessageId = messageId, ReporterId = memberId, Reason = why, At = clock.GetCurrentInstant() };
        db.MessageReports.Add(report);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe))
        {
            return ChatResult.Refused(ChatProblem.Duplicate, "You've already reported this message. A moderator will look at it.");
        }
        await alerts.ReportedAsync(access!, report);
        return new ChatResult(ChatProblem.None, Message: message);
    }

    /// <summary>Hides a message from the room (moderators still read it) and closes its reports as "hidden".</summary>
    public Task<ChatResult> HideAsync(string moderatorId, long messageId, string? reason) => DecideAsync(moderatorId, messageId, hide: true, reason);

    /// <summary>Leaves a reported or flagged message where it is and closes what was asked of moderators.</summary>
    public Task<ChatResult> KeepAsync(string moderatorId, long messageId, string? reason) => DecideAsync(moderatorId, messageId, hide: false, reason);

    async Task<ChatResult> DecideAsync(string moderatorId, long messageId, bool hide, string? reason)
    {
        var (message, access, refused) = await ModeratedAsync(moderatorId, messageId);
        if (refused is not null) return refused;
        var now = clock.GetCurrentInstant();
        var note = (reason ?? "").Trim();
        if (note.Length > RoomBan.ReasonMaxLength) return ChatResult.Refused(ChatProblem.Invalid, $"Keep the note to {RoomBan.ReasonMaxLength} characters or fewer.");
        await using var tx = await db.Database.BeginTransactionAsync();
        if (hide)
            await db.Messages.Where(m => m.Id == messageId && m.HiddenAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.HiddenAt, now).SetProperty(m => m.HiddenById, moderatorId));
        await db.Messages.Where(m => m.Id == messageId && m.CrisisAt != null && m.CrisisSeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.CrisisSeenAt, now));
        await db.MessageReports.Where(r => r.MessageId == messageId && r.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosedById, moderatorId).SetProperty(r => r.Outcome, hide ? "hidden" : "kept"));
        db.Record(moderatorId, hide ? "chat.hide" : "chat.keep", $"room:{message!.RoomId}", $"message {messageId}{(note.Length > 0 ? ": " + note : "")}", now);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        if (hide)
        {
            message.HiddenAt ??= now;
            await hub.Clients.Group(Chat.GroupName(message.RoomId)).SendAsync("edited", MessageView.Of(message, ""));
        }
        return new ChatResult(ChatProblem.None, Message: message);
    }

    /// <summary>A moderator undoes a hide: the message is shown again.</summary>
    public async Task<ChatResult> UnhideAsync(string moderatorId, long messageId)
    {
        var (message, _, refused) = await ModeratedAsync(moderatorId, messageId);
        if (refused is not null) return refused;
        var now = clock.GetCurrentInstant();
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.HiddenAt, (Instant?)null).SetProperty(m => m.HiddenById, (string?)null));
        db.Record(moderatorId, "chat.unhide", $"room:{message!.RoomId}", $"message {messageId}", now);
        await db.SaveChangesAsync();
        message.HiddenAt = null;
        var author = await db.Users.Where(u => u.Id == message.AuthorId).Select(u => u.Nickname).SingleAsync();
        await hub.Clients.Group(Chat.GroupName(message.RoomId)).SendAsync("edited", MessageView.Of(message, author));
        return new ChatResult(ChatProblem.None, Message: message);
    }

    /// <summary>Mutes (reads, can't write) or removes (neither) a member in a room; a mute may end by itself.</summary>
    public async Task<ChatResult> BanAsync(string moderatorId, int roomId, string memberId, BanKind kind, int? hours, string? reason)
    {
        var access = await rooms.AccessAsync(roomId, moderatorId);
        if (access is null || access.IsHidden) return ChatResult.NoSuchRoom;
        if (!access.CanModerate) return ChatResult.Refused(ChatProblem.NotInRoom, "Only this room's moderators can do that.");
        if (await rooms.AccessAsync(roomId, memberId) is not { } targetAccess) return ChatResult.Refused(ChatProblem.NotFound, "There is no such member.");
        var target = await db.Users.AsNoTracking().SingleAsync(u => u.Id == memberId);
        if (targetAccess.CanModerate) return ChatResult.Refused(ChatProblem.Invalid, "This member moderates this room, so they can't be muted or removed here.");
        if (hours is < 1 or > 24 * 90) return ChatResult.Refused(ChatProblem.Invalid, "Choose how long: between an hour and 90 days, or until you lift it.");
        var why = (reason ?? "").Trim();
        if (why.Length > RoomBan.ReasonMaxLength) return ChatResult.Refused(ChatProblem.Invalid, $"Keep the reason to {RoomBan.ReasonMaxLength} characters or fewer.");
        var now = clock.GetCurrentInstant();
        Instant? until = kind == BanKind.Muted && hours is { } h ? now.Plus(Duration.FromHours(h)) : null;
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.RoomBans.Where(b => b.RoomId == roomId && b.MemberId == memberId).ExecuteDeleteAsync();
        db.RoomBans.Add(new RoomBan { RoomId = roomId, MemberId = memberId, Kind = kind, Reason = why, ById = moderatorId, At = now, Until = until });
        db.Record(moderatorId, kind == BanKind.Muted ? "chat.mute" : "chat.remove", $"room:{roomId}",
            $"{target.Nickname} (member {memberId}){(until is { } u ? $" until {Time.TimeText.DayAndTime(u, access.Place)}" : "")}{(why.Length > 0 ? ": " + why : "")}", now);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { return ChatResult.Refused(ChatProblem.Duplicate, "Another moderator changed this at the same moment. Look again."); }
        if (kind == BanKind.Removed) await presence.RecheckAsync(memberId);
        return new ChatResult(ChatProblem.None);
    }

    public async Task<ChatResult> LiftAsync(string moderatorId, int roomId, string memberId)
    {
        var access = await rooms.AccessAsync(roomId, moderatorId);
        if (access is null || access.IsHidden) return ChatResult.NoSuchRoom;
        if (!access.CanModerate) return ChatResult.Refused(ChatProblem.NotInRoom, "Only this room's moderators can do that.");
        var lifted = await db.RoomBans.Where(b => b.RoomId == roomId && b.MemberId == memberId).ExecuteDeleteAsync();
        if (lifted == 0) return ChatResult.Refused(ChatProblem.NotFound, "This member isn't muted or removed here.");
        db.Record(moderatorId, "chat.lift", $"room:{roomId}", $"member {memberId}", clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        return new ChatResult(ChatProblem.None);
    }

    async Task<(ChatMessage?, RoomAccess?, ChatResult?)> ModeratedAsync(string moderatorId, long messageId)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId);
        if (message is null) return (null, null, ChatResult.NoSuchMessage);
        var access = await rooms.AccessAsync(message.RoomId, moderatorId);
        if (access is null || access.IsHidden) return (null, null, ChatResult.NoSuchMessage);
        if (access is not { CanModerate: true }) return (null, null, ChatResult.Refused(ChatProblem.NotInRoom, "Only this room's moderators can do that."));
        return (message, access, null);
    }
}
