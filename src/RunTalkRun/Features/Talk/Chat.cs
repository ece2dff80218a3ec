using NodaTime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Talk;

public enum ChatProblem { None, NotFound, NotInRoom, Removed, Muted, Invalid, TooFast, NotYours, Gone, Duplicate }

/// <summary>What happened to a request: done, or why not in plain words.</summary>
public record ChatResult(ChatProblem Problem, string? Error = null, ChatMessage? Message = null, bool NeedsCare = false)
{
    public bool Ok => Problem == ChatProblem.None;
    public int Status => Problem switch
    {
        ChatProblem.None => 200,
        ChatProblem.NotFound => 404,
        ChatProblem.Invalid => 400,
        ChatProblem.TooFast => 429,
        ChatProblem.Gone or ChatProblem.Duplicate => 409,
        _ => 403,
    };

    public static ChatResult Refused(ChatProblem problem, string error) => new(problem, error);

    /// <summary>For a room that doesn't exist and for one the caller may not know exists: the same answer.</summary>
    public static ChatResult NoSuchRoom => Refused(ChatProblem.NotFound, "There is no such room.");
    /// <summary>For a message that doesn't exist and for one in a room the caller may not know exists: the same answer.</summary>
    public static ChatResult NoSuchMessage => Refused(ChatProblem.NotFound, "There is no such message.");
}

/// <summary>A message as a room's members see it, live or in history. Hidden and deleted messages carry no text.</summary>
public record MessageView(long Id, int RoomId, string AuthorId, string Author, string Html, DateTime SentAt, bool Edited, string State)
{
    public static MessageView Of(ChatMessage m, string author) => new(m.Id, m.RoomId, m.AuthorId, author,
        m.IsGone ? "" : MessageText.ToHtml(m.Text), m.SentAt.ToDateTimeUtc(), m.EditedAt is not null,
        m.DeletedAt is not null ? "deleted" : m.HiddenAt is not null ? "hidden" : "shown");
}

/// <summary>Sending, editing and deleting messages, for the page, the API and the hub alike; each change reaches every instance's members live.</summary>
public class Chat(AppDb db, Rooms rooms, IHubContext<TalkHub> hub, IClock clock, SafeMessaging safe, ChatAlerts alerts, IOptions<TalkSettings> settings)
{
    public static string GroupName(int roomId) => $"room:{roomId}";

    public async Task<ChatResult> SendAsync(string memberId, int roomId, string? text)
    {
        var access = await rooms.AccessAsync(roomId, memberId);
        if (Refusal(access) is { } refused) return refused;
        if (!access!.CanPost) return ChatResult.Refused(ChatProblem.Muted, MutedText(access));
        var (clean, error) = MessageText.Check(text);
        if (error is not null) return ChatResult.Refused(ChatProblem.Invalid, error);
        var now = clock.GetCurrentInstant();
        var recent = await db.Messages.CountAsync(m => m.RoomId == roomId && m.AuthorId == memberId && m.SentAt > now.Plus(Duration.FromMinutes(-1)));
        if (recent >= settings.Value.MessagesPerMinute)
            return ChatResult.Refused(ChatProblem.TooFast, "You've sent a lot of messages in the last minute. Wait a moment, then send this one again: what you wrote is still here.");
        var needsCare = await safe.NeedsCareAsync(db, clean);
        var message = new ChatMessage { RoomId = roomId, AuthorId = memberId, Text = clean, SentAt = now, CrisisAt = needsCare ? now : null };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var author = await NicknameAsync(memberId);
        await hub.Clients.Group(GroupName(roomId)).SendAsync("message", MessageView.Of(message, author));
        if (needsCare) await alerts.CrisisAsync(access, message);
        return new ChatResult(ChatProblem.None, Message: message, NeedsCare: needsCare);
    }

    public async Task<ChatResult> EditAsync(string memberId, long messageId, string? text)
    {
        var (message, refused) = await OwnAsync(memberId, messageId);
        if (refused is not null) return refused;
        var (clean, error) = MessageText.Check(text);
        if (error is not null) return ChatResult.Refused(ChatProblem.Invalid, error);
        var access = await rooms.AccessAsync(message!.RoomId, memberId);
        if (access is not { CanPost: true }) return ChatResult.Refused(ChatProblem.Muted, MutedText(access));
        var now = clock.GetCurrentInstant();
        var needsCare = await safe.NeedsCareAsync(db, clean);
        // Only a message still shown changes: a moderator hiding it at the same moment wins.
        var changed = await db.Messages.Where(m => m.Id == messageId && m.DeletedAt == null && m.HiddenAt == null)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(m => m.Text, clean).SetProperty(m => m.EditedAt, now);
                if (needsCare) s.SetProperty(m => m.CrisisAt, now).SetProperty(m => m.CrisisSeenAt, (Instant?)null);
            });
        if (changed == 0) return ChatResult.Refused(ChatProblem.Gone, "This message can't be changed now: it was deleted or hidden.");
        message.Text = clean;
        message.EditedAt = now;
        await hub.Clients.Group(GroupName(message.RoomId)).SendAsync("edited", MessageView.Of(message, await NicknameAsync(memberId)));
        if (needsCare) await alerts.CrisisAsync(access, message);
        return new ChatResult(ChatProblem.None, Message: message, NeedsCare: needsCare);
    }

    /// <summary>The author deletes their message: its text is erased, and the room sees "message deleted" in its place.</summary>
    public async Task<ChatResult> DeleteAsync(string memberId, long messageId)
    {
        var (message, refused) = await OwnAsync(memberId, messageId);
        if (refused is not null) return refused;
        var now = clock.GetCurrentInstant();
        await db.Messages.Where(m => m.Id == messageId && m.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, "").SetProperty(m => m.DeletedAt, now));
        message!.Text = "";
        message.DeletedAt = now;
        await hub.Clients.Group(GroupName(message.RoomId)).SendAsync("edited", MessageView.Of(message, await NicknameAsync(memberId)));
        return new ChatResult(ChatProblem.None, Message: message);
    }

    /// <summary>Remembers the newest message a member has seen in a room; unread counts start after it.</summary>
    public async Task MarkReadAsync(string memberId, int roomId, long lastId)
    {
        var changed = await db.RoomReads.Where(r => r.RoomId == roomId && r.MemberId == memberId && r.LastReadId < lastId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastReadId, lastId));
        if (changed > 0 || await db.RoomReads.AnyAsync(r => r.RoomId == roomId && r.MemberId == memberId)) return;
        db.RoomReads.Add(new RoomRead { RoomId = roomId, MemberId = memberId, LastReadId = lastId });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { } // read at the same moment elsewhere: that row stands
    }

    async Task<(ChatMessage?, ChatResult?)> OwnAsync(string memberId, long messageId)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId);
        if (message is null) return (null, ChatResult.NoSuchMessage);
        var access = await rooms.AccessAsync(message.RoomId, memberId);
        if (access is null || access.IsHidden) return (null, ChatResult.NoSuchMessage);
        if (Refusal(access) is { } refused) return (null, refused);
        if (message.AuthorId != memberId) return (null, ChatResult.Refused(ChatProblem.NotYours, "You can only change or delete your own messages."));
        if (message.IsGone) return (null, ChatResult.Refused(ChatProblem.Gone, "This message can't be changed now: it was deleted or hidden."));
        return (message, null);
    }

    public static ChatResult? Refusal(RoomAccess? access) => access switch
    {
        null => ChatResult.NoSuchRoom,
        { IsRemoved: true } => ChatResult.Refused(ChatProblem.Removed, "A moderator has removed you from this room. If you think that's a mistake, write to HQ."),
        { IsHidden: true } => ChatResult.NoSuchRoom,
        _ => null,
    };

    static string MutedText(RoomAccess? access) => access?.Ban?.Until is { } until
        ? $"A moderator has paused your messages in this room until {Time.TimeText.DayAndTime(until, access.Place)}. You can still read it."
        : "A moderator has paused your messages in this room. You can still read it.";

    Task<string> NicknameAsync(string memberId) => db.Users.Where(u => u.Id == memberId).Select(u => u.Nickname).SingleAsync();
}
