using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Safety;

namespace RunTalkRun.Features.Privacy;

/// <summary>
/// Deletes what is past its retention period. Each step is one set-based delete, so it is safe to run on
/// several instances at once and to run again; whatever fell due while every instance was down goes at the next pass.
/// </summary>
public class Retention(AppDb db, IClock clock, IOptions<RetentionSettings> settings)
{
    public record Pass(int Messages, int Concerns, int Applications, int Mails, int Sessions = 0);

    public async Task<Pass> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var s = settings.Value;
        Instant Before(int days) => now.Minus(Duration.FromDays(days));

        var messagesBefore = Before(s.ChatMessageDays);
        // Reports of a message go with it (the database cascades).
        var messages = await db.Messages.Where(m => m.SentAt < messagesBefore).ExecuteDeleteAsync(ct);
        var concerns = await Concerns.DeleteOldClosedAsync(db, now, s.ClosedConcernDays, ct);
        var applicationsBefore = Before(s.DecidedApplicationDays);
        var applications = await db.Applications
            .Where(a => (a.Status == ApplicationStatus.Approved || a.Status == ApplicationStatus.Declined) && a.DecidedAt < applicationsBefore)
            .ExecuteDeleteAsync(ct);
        var mailsBefore = Before(Math.Max(s.SentMailDays, TrainingRecords.ReminderDays + 1));
        var mails = await db.OutboxMails.Where(m => (m.SentAt != null && m.SentAt < mailsBefore) || (m.GaveUpAt != null && m.GaveUpAt < mailsBefore))
            .ExecuteDeleteAsync(ct);
        // Sign-ins unused for two weeks have ended already (the cookie and refresh token expire): their rows go.
        var sessionsBefore = now.Minus(Duration.FromTimeSpan(Accounts.Sessions.IdleLimit));
        var sessions = await db.Set<Accounts.MemberSession>().Where(x => x.LastSeenAt < sessionsBefore).ExecuteDeleteAsync(ct);
        return new Pass(messages, concerns, applications, mails, sessions);
    }
}
