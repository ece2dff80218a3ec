using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Safety;

namespace RunTalkRun.Features.Privacy;

/// <summary>How long things are kept (the privacy notice reads these too). Registers: Jobs:RegisterRetentionDays.</summary>
public class RetentionSettings
{
    /// <summary>Chat messages are deleted this many days after they were sent.</summary>
    public int ChatMessageDays { get; set; } = 365;
    /// <summary>Closed concerns, with their notes, are deleted this many days after they were closed. Set it to match HQ's safeguarding policy.</summary>
    public int ClosedConcernDays { get; set; } = 6 * 365;
    /// <summary>Decided (approved or declined) applications to lead are deleted this many days after the decision.</summary>
    public int DecidedApplicationDays { get; set; } = 365;
    /// <summary>
    /// Sent emails (and those given up on) are deleted from the outbox this many days later. Their keys stop a
    /// reminder going twice, so this is never shorter than the training reminder's 30-day window.
    /// </summary>
    public int SentMailDays { get; set; } = 60;
    public double ScanMinutes { get; set; } = 60;
}

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

/// <summary>Runs <see cref="Retention"/> at start and then every Retention:ScanMinutes (an hour by default), where Jobs:Enabled.</summary>
public class RetentionService(IServiceScopeFactory scopes, IOptions<JobSettings> jobs, IOptions<RetentionSettings> settings, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.Value.ScanMinutes));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var pass = await scope.ServiceProvider.GetRequiredService<Retention>().RunOnceAsync(stoppingToken);
                if (pass != new Retention.Pass(0, 0, 0, 0, 0)) log.LogInformation("Retention deleted {Pass}", pass);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Retention failed; will try again at the next pass");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
