using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// Sends queued mail. Safe with several instances: each mail is claimed by one sender at a time with a
/// conditional update (only one update can move an unclaimed row), and marked sent by its claimer only.
/// A mail survives a restart (it is in the database until sent); a mail whose sender died mid-send is
/// taken over when the claim runs out. That last case is the one way a mail can go twice: it keeps its
/// Message-ID, so a mail system can tell it is the same mail.
/// </summary>
public class OutboxSender(IServiceScopeFactory scopes, Mailer mailer, IClock clock, OutboxSignal signal,
    IOptions<JobSettings> settings, ILogger<OutboxSender> log) : BackgroundService
{
    public static readonly Duration Claim = Duration.FromMinutes(5);
    public const int MaxAttempts = 8;

    /// <summary>This sender's name on the mails it claims.</summary>
    public string Name { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled) return;
        var poll = TimeSpan.FromSeconds(settings.Value.OutboxPollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sending queued mail failed; will try again");
            }
            await signal.WaitAsync(poll, stoppingToken);
        }
    }

    /// <summary>Sends what is due now. Returns how many this sender sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetCurrentInstant();
        var due = await db.OutboxMails
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.DueAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var until = now + Claim;
            var claimed = await db.OutboxMails
                .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, Name).SetProperty(m => m.ClaimedUntil, until)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (claimed == 0) continue; // another sender has it
            var mail = await db.OutboxMails.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            try
            {
                await mailer.SendAsync(ToMessage(mail), ct);
                var sentAt = clock.GetCurrentInstant();
                await db.OutboxMails.Where(m => m.Id == id && m.ClaimedBy == Name)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.ClaimedUntil, (Instant?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Try again later, waiting longer each time; after MaxAttempts, give up and say so in the log.
                var giveUp = mail.Attempts >= MaxAttempts;
                var retryAt = now + Duration.FromMinutes(Math.Pow(2, mail.Attempts));
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                Instant? gaveUpAt = giveUp ? now : null;
                await db.OutboxMails.Where(m => m.Id == id && m.ClaimedBy == Name)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, retryAt).SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.GaveUpAt, gaveUpAt), CancellationToken.None);
                if (giveUp) log.LogError(e, "Gave up sending mail {Id} ({Kind}) after {Attempts} attempts", id, mail.Kind, mail.Attempts);
                else log.LogWarning(e, "Sending mail {Id} failed (attempt {Attempts}); trying again at {RetryAt}", id, mail.Attempts, retryAt);
            }
        }
        return sent;
    }

    MimeMessage ToMessage(OutboxMail mail)
    {
        var message = mailer.Compose(mail.ToAddress, mail.Subject, mail.Body);
        // The same mail keeps the same Message-ID, however many times it is tried.
        message.MessageId = $"outbox-{mail.Id}-{mail.CreatedAt.ToDateTimeUtc():yyyyMMddHHmmss}@runtalkrun";
        if (mail.UnsubscribeUrl is { } url)
        {
            message.Headers.Add("List-Unsubscribe", $"<{url}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"); // RFC 8058
        }
        return message;
    }
}
