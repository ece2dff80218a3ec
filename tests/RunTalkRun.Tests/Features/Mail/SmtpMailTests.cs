using System.Net;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Mail;

/// <summary>With Smtp:Host set, mail really goes over SMTP (MailKit) to a real server.</summary>
public class SmtpMailTests
{
    [Fact]
    public async Task Sign_up_confirmation_mail_arrives_at_a_real_smtp_server()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:Security", "None");
        var email = $"smtp{Guid.NewGuid():N}@example.net";

        var response = await app.Browser().PostFormAsync("/account/sign-up", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Nickname"] = "Mailable", ["Input.Password"] = "a long enough password",
            ["Input.AcceptGuidelines"] = "true", ["Input.ConsentAttendance"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // "Check your email"
        var mail = await app.WaitForMailToAsync(email, "Confirm your email", directory: smtp.MailDir);
        Assert.Contains("/account/confirm-email?", mail.TextBody);
        Assert.False(Directory.Exists(app.MailDirectory) && Directory.GetFiles(app.MailDirectory).Length > 0, "mail went to files instead of SMTP");
    }

    [Fact]
    public async Task With_no_smtp_server_mail_is_written_as_eml_files_a_person_can_open()
    {
        await using var app = new AppFactory();
        var email = $"eml{Guid.NewGuid():N}@example.net";
        await app.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = RunTalkRun.Data.DemoCommunity.MemberEmail(1) });
        var mail = await app.WaitForMailToAsync(RunTalkRun.Data.DemoCommunity.MemberEmail(1), "Reset");
        Assert.Single(Directory.GetFiles(app.MailDirectory, "*.eml"));
        Assert.Equal("Run Talk Run", mail.From.Mailboxes.Single().Name);
        Assert.DoesNotContain(email, mail.TextBody);
    }
}
