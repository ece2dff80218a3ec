using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Time;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// Tells a room's moderators (HQ moderators, and for a group's room or run thread the group's organisers)
/// that a message may need a caring look or was reported. The email never quotes the message: it links to
/// the moderation queue, where only moderators can read it.
/// </summary>
public class ChatAlerts(AppDb db, Outbox outbox, IClock clock)
{
    public Task CrisisAsync(RoomAccess room, ChatMessage message) => SendAsync(room, $"chat-crisis:{message.Id}:{message.CrisisAt.ToDateTimeUtc():O}",
        $"A message may need a caring look: {room.Name}",
        $"""
        A message in {room.Name} uses words about suicide or self-harm. Its writer has privately been shown the crisis lines.

        Please look at it with care, soon:
        {outbox.Links.Absolute("/talk/moderation")}

        It has not been hidden. Following the Samaritans' guidance for online communities: don't remove it just for
        those words; reply kindly and point to support, hide it only if it describes methods or could harm others,
        and ask HQ for help if you need it. Look after yourself too.
        """);

    public Task ReportedAsync(RoomAccess room, MessageReport report) => SendAsync(room, $"chat-report:{report.Id}",
        $"A message was reported: {room.Name}",
        $"""
        Someone reported a message in {room.Name}. Their reason and the message are in the moderation queue:
        {outbox.Links.Absolute("/talk/moderation")}
        """);

    async Task SendAsync(RoomAccess room, string key, string subject, string body)
    {
        var groupId = room.Group?.Id;
        var moderators = await db.Users
            .Where(u => u.HqRole == HqRole.Moderator // a group's room or run thread has a group; other rooms don't
                || (groupId != null && db.Memberships.Any(m => m.MemberId == u.Id && m.GroupId == groupId && m.Role == GroupRole.Organiser)))
            .ToListAsync();
        var now = clock.GetCurrentInstant();
        foreach (var moderator in moderators)
            await outbox.QueueAsync(db, new OutgoingMail($"{key}:{moderator.Id}", MailKind.ChatAlert, moderator, subject, $"Hi {moderator.Nickname},\n\n{body}", groupId), now);
    }
}
