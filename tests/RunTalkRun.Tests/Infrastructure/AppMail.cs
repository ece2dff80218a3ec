using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Mail an app under test queued, sent by driving its outbox (test apps run without background jobs).</summary>
public static class AppMail
{
    /// <summary>
    /// Waits for a mail the app queued: this drives the outbox sender's send pass itself, then looks in the app's mail folder (or <paramref name="directory"/>, e.g. an SMTP sink's).
    /// </summary>
    public static async Task<MimeMessage> WaitForMailToAsync(this AppFactory app, string to, string subjectContains, TimeSpan? timeout = null, string? directory = null)
    {
        var sender = app.Services.GetRequiredService<OutboxSender>();
        directory ??= app.MailDirectory;
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            await sender.SendDueAsync();
            if (await MailBox.FindAsync(directory, to, subjectContains) is { } message) return message;
            if (DateTime.UtcNow >= until) throw new TimeoutException($"No mail to {to} about '{subjectContains}' was sent to {directory}");
            await Task.Delay(100);
        }
    }
}
