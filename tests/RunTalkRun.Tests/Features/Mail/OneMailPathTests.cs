using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Help;
using RunTalkRun.Features.Mail;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Mail;

/// <summary>
/// Every mail, account mail included, goes through the outbox, and its footer carries the crisis lines of the
/// recipient's country (the mail's group's, else their first group's, else the site's default), from crisis-lines.json.
/// </summary>
public class OneMailPathTests(AppFactory app) : IClassFixture<AppFactory>
{
    static readonly string[] EveryCountrysFirstLine = CrisisLines.All.Select(c => c.Helplines[0].Number).Distinct().ToArray();

    /// <summary>Queues a mail straight through the outbox, as every feature does.</summary>
    async Task<bool> QueueAsync(string email, string key, string? aboutGroup = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var member = await db.Users.SingleAsync(u => u.Email == email);
        int? groupId = aboutGroup is null ? null : await db.Groups.Where(g => g.Slug == aboutGroup).Select(g => g.Id).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<Outbox>()
            .QueueAsync(db, new OutgoingMail(key, MailKind.Application, member, "News of your group", "Hello.", groupId), app.Clock.GetCurrentInstant());
    }

    static void AssertCrisisLinesOf(string country, string mail)
    {
        var at = mail.IndexOf("Run Talk Run is peer support, not professional help.", StringComparison.Ordinal);
        Assert.True(at >= 0, "the mail has the crisis footer");
        var text = mail[at..]; // the footer only: a link's token could hold any digits
        var help = CrisisLines.For(country);
        foreach (var line in help.Helplines)
        {
            Assert.Contains(line.Name, text);
            Assert.Contains(line.Number, text);
        }
        Assert.Contains($"In an emergency call {help.Emergency.Number}.", text);
        foreach (var other in EveryCountrysFirstLine.Where(n => !help.Helplines.Any(l => l.Number == n)))
            Assert.DoesNotContain(other, text);
    }

    [Theory]
    [InlineData("peterborough", "GB", "Samaritans")]
    [InlineData("los-angeles", "US", "988")]
    [InlineData("brisbane", "AU", "Lifeline")]
    public async Task A_groups_mail_carries_the_crisis_lines_of_the_groups_country(string slug, string country, string expected)
    {
        var email = await app.NewMemberAsync("Footer", groupSlug: "peterborough"); // their own group does not decide: the mail's does
        Assert.True(await QueueAsync(email, $"test:footer:{Guid.NewGuid():N}", aboutGroup: slug));

        var mail = await app.WaitForMailToAsync(email, "News of your group");
        Assert.Contains(expected, mail.TextBody);
        AssertCrisisLinesOf(country, mail.TextBody!);
    }

    [Fact]
    public async Task A_mail_about_no_group_carries_the_lines_of_the_members_first_group_else_the_sites_default()
    {
        var inBrisbane = await app.NewMemberAsync("Joined", groupSlug: "brisbane");
        var inNoGroup = await app.NewMemberAsync("Unattached");
        Assert.True(await QueueAsync(inBrisbane, $"test:first-group:{Guid.NewGuid():N}"));
        Assert.True(await QueueAsync(inNoGroup, $"test:default:{Guid.NewGuid():N}"));

        AssertCrisisLinesOf("AU", (await app.WaitForMailToAsync(inBrisbane, "News of your group")).TextBody!);
        AssertCrisisLinesOf(CrisisLines.DefaultCountry, (await app.WaitForMailToAsync(inNoGroup, "News of your group")).TextBody!);
    }

    [Fact]
    public async Task The_same_key_is_queued_once_and_sent_once()
    {
        var email = await app.NewMemberAsync("Once");
        var key = $"test:once:{Guid.NewGuid():N}";
        Assert.True(await QueueAsync(email, key));
        Assert.False(await QueueAsync(email, key));

        await app.WaitForMailToAsync(email, "News of your group");
        Assert.False(await QueueAsync(email, key)); // sent, still not again
        await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        Assert.Single(await MailBox.AllToAsync(app.MailDirectory, email, "News of your group"));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.Key == key)));
    }

    [Fact]
    public async Task A_password_reset_goes_through_the_outbox_with_the_crisis_footer_and_each_request_is_a_new_mail()
    {
        var email = await app.NewMemberAsync("Forgetful", groupSlug: "los-angeles");
        for (var i = 0; i < 2; i++)
            await app.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        var rows = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.ToAddress == email).ToListAsync());
        Assert.Equal(2, rows.Count); // a new link, a new mail
        Assert.All(rows, r => Assert.Equal(MailKind.Account, r.Kind));
        Assert.All(rows, r => Assert.StartsWith("account:reset:", r.Key));
        Assert.All(rows, r => Assert.Null(r.UnsubscribeUrl)); // account mail cannot be switched off
        Assert.False(MailPreferences.CanSwitchOff(MailKind.Account));
        var mail = await app.WaitForMailToAsync(email, "Reset your");
        AssertCrisisLinesOf("US", mail.TextBody!);
        Assert.Contains("it is about your account at Run Talk Run", mail.TextBody);
        Assert.DoesNotContain("/mail/unsubscribe/", mail.TextBody);
    }

    [Fact]
    public async Task Sign_up_mails_go_through_the_outbox_with_the_footer_and_repeated_attempts_on_a_taken_address_tell_its_owner_once()
    {
        var fresh = $"fresh{Guid.NewGuid():N}@example.net";
        var taken = await app.NewMemberAsync("Owner", groupSlug: "brisbane");
        var window = (long)AccountMail.SignUpAttemptWindow.TotalSeconds;
        // Start at the beginning of a ten-minute window, so the three attempts fall in one.
        var windowStart = (app.Clock.GetCurrentInstant().ToUnixTimeSeconds() / window + 1) * window;
        app.Clock.Reset(Instant.FromUnixTimeSeconds(windowStart));
        foreach (var email in new[] { fresh, taken, taken, taken })
        {
            var response = await app.Browser().PostFormAsync("/account/sign-up", new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Nickname"] = "Newcomer", ["Input.Password"] = "three gentle laps",
                ["Input.AcceptGuidelines"] = "true", ["Input.ConsentAttendance"] = "true",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var confirm = await app.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.ToAddress == fresh));
        Assert.Equal(MailKind.Account, confirm.Kind);
        Assert.StartsWith("account:confirm:", confirm.Key);
        // Three attempts, one mail.
        var attempts = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.ToAddress == taken).ToListAsync());
        Assert.Single(attempts);
        Assert.All(attempts, a => Assert.Equal(MailKind.Account, a.Kind));
        Assert.All(attempts, a => Assert.StartsWith("account:sign-up-attempt:", a.Key));
        // Ten minutes on, another attempt tells the owner again.
        app.Clock.Advance(Duration.FromSeconds(window));
        await app.Browser().PostFormAsync("/account/sign-up", new Dictionary<string, string>
        {
            ["Input.Email"] = taken, ["Input.Nickname"] = "Newcomer", ["Input.Password"] = "three gentle laps",
            ["Input.AcceptGuidelines"] = "true", ["Input.ConsentAttendance"] = "true",
        });
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.ToAddress == taken)));

        AssertCrisisLinesOf(CrisisLines.DefaultCountry, (await app.WaitForMailToAsync(fresh, "Confirm your email")).TextBody!);
        AssertCrisisLinesOf("AU", (await app.WaitForMailToAsync(taken, "sign up")).TextBody!);
    }
}

/// <summary>Account mail the SMTP server refuses is tried again, not lost, and goes once the server takes it.</summary>
public class AccountMailRetryTests
{
    [Fact]
    public async Task A_password_reset_the_smtp_server_refuses_is_tried_again_and_arrives()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var refusing = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", "1").With("Smtp:Security", "None");
        var email = await refusing.NewMemberAsync("Patient");
        await refusing.Browser().PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Equal(0, await refusing.Services.GetRequiredService<OutboxSender>().SendDueAsync());
        var failed = await refusing.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.ToAddress == email));
        Assert.Null(failed.SentAt);
        Assert.Null(failed.GaveUpAt);
        Assert.NotNull(failed.LastError);
        Assert.NotNull(failed.ClaimedUntil); // waits before the next try
        Assert.Equal(0, await refusing.Services.GetRequiredService<OutboxSender>().SendDueAsync()); // not before then

        // The wait is over (the clock moves past it), and the server takes mail again (another instance, same database).
        refusing.Clock.Reset(failed.ClaimedUntil!.Value + Duration.FromSeconds(1));
        await using var working = AppFactory.SharingDatabaseWith(refusing)
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:Security", "None");
        var mail = await working.WaitForMailToAsync(email, "Reset your", TimeSpan.FromSeconds(20), directory: smtp.MailDir);
        Assert.Contains("/account/reset-password?", mail.TextBody);
        var sent = await working.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.ToAddress == email));
        Assert.NotNull(sent.SentAt);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(await MailBox.AllToAsync(smtp.MailDir, email, "Reset your"));
    }
}
