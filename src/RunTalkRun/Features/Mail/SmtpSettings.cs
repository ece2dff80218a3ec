using MailKit.Security;

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
    /// <summary>An SMTP conversation that takes longer is given up (and tried again later for queued mail).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
