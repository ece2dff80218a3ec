using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Mail;

/// <summary>Queues emails about runs. The sender (<see cref="OutboxSender"/>) sends them.</summary>
public class Outbox(SiteLinks links, OutboxSignal signal)
{
    public SiteLinks Links => links;

    /// <summary>
    /// Queues a mail to a member, unless they switched this kind of mail off or the same
    /// <see cref="OutgoingMail.Key"/> was queued before (by this instance or another). It is written inside the
    /// caller's transaction, if there is one: the mail and the change it tells about are saved together.
    /// Call <see cref="Wake"/> after the commit to send it at once (outside a transaction it wakes the sender itself).
    /// The footer carries the crisis lines of the recipient's country (<see cref="CrisisFooter"/>).
    /// </summary>
    public async Task<bool> QueueAsync(AppDb db, OutgoingMail mail, Instant now)
    {
        var (key, kind, member, subject, body) = (mail.Key, mail.Kind, mail.To, mail.Subject, mail.Body);
        var dueAt = mail.DueAt ?? now;
        if (!member.Mail.Wants(kind) || string.IsNullOrEmpty(member.Email)) return false;
        string? unsubscribe = null;
        string why;
        if (MailPreferences.CanSwitchOff(kind))
        {
            var token = await MailTokenAsync(db, member);
            unsubscribe = links.Absolute($"/mail/unsubscribe/{token}/{MailPreferences.SlugOf(kind)}");
            why = $"""
                You're getting this because you use Run Talk Run. To stop emails like this one: {unsubscribe}
                To choose which emails you get: {links.Absolute("/account/emails")}
                """;
        }
        else if (kind == MailKind.Account) why = "You're getting this because it is about your account at Run Talk Run.";
        else why = "You're getting this because it is about something you asked for or look after at Run Talk Run.";
        var crisis = CrisisFooter.Text(await CrisisFooter.CountryAsync(db, member.Id, mail.GroupId));
        var text = $"""
            {body.TrimEnd()}

            --
            {why}

            {crisis}
            """;
        var kindName = kind.ToString();
        var created = now.ToDateTimeUtc();
        var due = dueAt.ToDateTimeUtc();
        // INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a second instance queueing the
        // same news at the same moment leaves one row, without failing the caller's transaction.
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OutboxMails" ("Key", "Kind", "MemberId", "ToAddress", "Subject", "Body", "UnsubscribeUrl", "CreatedAt", "DueAt", "Attempts")
            VALUES ({key}, {kindName}, {member.Id}, {member.Email}, {subject}, {text}, {unsubscribe}, {created}, {due}, 0)
            ON CONFLICT ("Key") DO NOTHING
            """);
        if (rows > 0 && db.Database.CurrentTransaction is null) signal.Wake();
        return rows > 0;
    }

    /// <summary>Tells the sender to look now rather than at its next poll.</summary>
    public void Wake() => signal.Wake();

    static async Task<string> MailTokenAsync(AppDb db, Member member)
    {
        if (member.MailToken is { } token) return token;
        var fresh = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await db.Users.Where(u => u.Id == member.Id && u.MailToken == null).ExecuteUpdateAsync(s => s.SetProperty(u => u.MailToken, fresh));
        var stored = await db.Users.Where(u => u.Id == member.Id).Select(u => u.MailToken).SingleAsync();
        member.MailToken = stored; // if tracked, a later save writes the same value again
        return stored!;
    }
}
