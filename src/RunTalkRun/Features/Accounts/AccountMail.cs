using System.Security.Cryptography;
using System.Text;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// The account emails: confirm your address, someone signed up with your address, reset your password.
/// They go through the outbox like every other mail (retried, never queued twice for the same link, sent by
/// whichever instance is free), as <see cref="MailKind.Account"/>, which cannot be switched off, and the
/// sender is woken at once. Each goes to a member: an address without an account gets no mail at all.
/// </summary>
public class AccountMail(AppDb db, Outbox outbox, IClock clock)
{
    /// <summary>How often, at most, the owner of an address hears that someone tried to sign up with it.</summary>
    public static readonly Duration SignUpAttemptWindow = Duration.FromMinutes(10);

    public Task<bool> SendConfirmationAsync(Member member, string link) => QueueAccountMailAsync($"account:confirm:{member.Id}:{Hash(link)}", member,
        "Confirm your email address for Run Talk Run",
        $"""
        Hi {member.Nickname},

        Welcome to Run Talk Run. Please confirm your email address by opening this link:

        {link}

        If you didn't sign up, you can ignore this email and nothing will happen.
        """);

    /// <summary>
    /// Someone signed up with an address that already has an account: its owner is told, and how to get in.
    /// At most once per <see cref="SignUpAttemptWindow"/> per member: more attempts meanwhile add nothing.
    /// </summary>
    public Task<bool> SendSignUpAttemptAsync(Member member, string signInLink, string resetLink) => QueueAccountMailAsync(
        $"account:sign-up-attempt:{member.Id}:{clock.GetCurrentInstant().ToUnixTimeSeconds() / (long)SignUpAttemptWindow.TotalSeconds}", member,
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

    public Task<bool> SendPasswordResetAsync(Member member, string link) => QueueAccountMailAsync($"account:reset:{member.Id}:{Hash(link)}", member,
        "Reset your Run Talk Run password",
        $"""
        Hi {member.Nickname},

        Someone asked to reset the password for this email address. To choose a new
        password, open this link:

        {link}

        If it wasn't you, you can ignore this email: your password stays as it is.
        """);

    /// <summary>Queued outside any transaction and the sender woken, so it still goes straight away.</summary>
    async Task<bool> QueueAccountMailAsync(string key, Member member, string subject, string body)
    {
        var queued = await outbox.QueueAsync(db, new OutgoingMail(key, MailKind.Account, member, subject, body), clock.GetCurrentInstant());
        if (queued && db.Database.CurrentTransaction is null) outbox.Wake();
        return queued;
    }

    /// <summary>One key per link (its token), without keeping the token itself in the key.</summary>
    static string Hash(string link) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(link)))[..32].ToLowerInvariant();
}
