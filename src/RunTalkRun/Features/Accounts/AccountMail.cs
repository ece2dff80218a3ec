using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Accounts;

/// <summary>The account emails: confirm your address, someone signed up with your address, reset your password.</summary>
public class AccountMail(Mailer mailer)
{
    public Task SendConfirmationAsync(Member member, string link) => mailer.SendAsync(member.Email!,
        "Confirm your email address for Run Talk Run",
        $"""
        Hi {member.Nickname},

        Welcome to Run Talk Run. Please confirm your email address by opening this link:

        {link}

        If you didn't sign up, you can ignore this email and nothing will happen.

        Run Talk Run is peer support, not professional help. If you need help now,
        in the UK call Samaritans free on 116 123, in the US call or text 988, in
        Australia call Lifeline on 13 11 14. In an emergency call 999, 911 or 000.
        """);

    /// <summary>Someone signed up with an address that already has an account: its owner is told, and how to get in.</summary>
    public Task SendSignUpAttemptAsync(Member member, string signInLink, string resetLink) => mailer.SendAsync(member.Email!,
        "Someone tried to sign up to Run Talk Run with your email address",
        $"""
        Hi {member.Nickname},

        Someone tried to sign up to Run Talk Run with your email address. You already
        have an account, so nothing has changed.

        If it was you, sign in:

        {signInLink}

        If you've forgotten your password, you can reset it:

        {resetLink}

        If it wasn't you, you can ignore this email: your account stays as it is.
        """);

    public Task SendPasswordResetAsync(Member member, string link) => mailer.SendAsync(member.Email!,
        "Reset your Run Talk Run password",
        $"""
        Hi {member.Nickname},

        Someone asked to reset the password for this email address. To choose a new
        password, open this link:

        {link}

        If it wasn't you, you can ignore this email: your password stays as it is.
        """);
}
