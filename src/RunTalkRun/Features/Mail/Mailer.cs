using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// Sends mail over SMTP when Smtp:Host is set; otherwise writes .eml files under ./data/mail. Only the outbox's
/// sender (<see cref="OutboxSender"/>) calls it: every mail is queued with <see cref="Outbox.QueueAsync"/>.
/// </summary>
public class Mailer(IOptions<SmtpSettings> options, IConfiguration config, ILogger<Mailer> log)
{
    public MimeMessage Compose(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var dir = Path.Combine(DatabaseSetup.DataDirectory(config), "mail");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, ct);
            log.LogInformation("No SMTP server set: wrote mail '{Subject}' to {File}", message.Subject, file);
            return;
        }

        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, true, out var s) ? s : SecureSocketOptions.Auto;
        await smtp.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.User))
            await smtp.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
