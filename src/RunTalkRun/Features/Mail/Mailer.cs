using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Mail;

public class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";
    public string From { get; set; } = "Run Talk Run <hello@runtalkrun.example>";
}

/// <summary>Sends mail over SMTP when Smtp:Host is set; otherwise writes .eml files under ./data/mail.</summary>
public class Mailer(IOptions<SmtpSettings> options, IConfiguration config, ILogger<Mailer> log)
{
    public async Task SendAsync(string to, string subject, string text, CancellationToken ct = default)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };

        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var dir = Path.Combine(DatabaseSetup.DataDirectory(config), "mail");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, ct);
            log.LogInformation("No SMTP server set: wrote mail '{Subject}' to {File}", subject, file);
            return;
        }

        using var smtp = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, true, out var s) ? s : SecureSocketOptions.Auto;
        await smtp.ConnectAsync(settings.Host, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.User))
            await smtp.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}
