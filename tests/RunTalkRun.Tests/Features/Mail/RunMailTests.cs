using NodaTime;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Mail;

/// <summary>Reminders and news about runs, through the outbox, to a real SMTP server.</summary>
public class RunMailTests : IAsyncLifetime
{
    SmtpSink smtp = null!;

    public async Task InitializeAsync() => smtp = await SmtpSink.StartAsync();
    public async Task DisposeAsync() => await smtp.DisposeAsync();

    AppFactory Sending(AppFactory app, bool jobs = true) => app
        .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port.ToString()).With("Smtp:Security", "None")
        .With("Jobs:Enabled", jobs ? "true" : "false").With("Jobs:OutboxPollSeconds", "0.2").With("Jobs:ScanSeconds", "0.5");

    /// <summary>
    /// Does, twice over and at once, what the background jobs and the sender do on their timers, so that a second copy,
    /// if there were one to send, would have been sent: instead of waiting for the timers to come round.
    /// </summary>
    static async Task SettleAsync(params AppFactory[] apps)
    {
        foreach (var app in apps.Concat(apps))
        {
            using (var scope = app.Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();
            await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        }
    }

    [Fact]
    public async Task The_day_before_a_run_a_member_coming_gets_one_reminder_with_a_one_click_unsubscribe()
    {
        await using var app = Sending(new AppFactory());
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var email = await app.NewMemberAsync("Remy");
        await app.RsvpAsync(run.Id, email, ago: TimeSpan.FromDays(2));

        var mail = await MailBox.WaitForMailToAsync(smtp.MailDir, email, "Tomorrow:", TimeSpan.FromSeconds(20));
        Assert.Contains("Hi Remy", mail.TextBody);
        Assert.Contains($"/runs/{run.Id}", mail.TextBody);
        var unsubscribe = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Contains("/mail/unsubscribe/", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        await SettleAsync(app);
        Assert.Single(await MailBox.AllToAsync(smtp.MailDir, email, "Tomorrow:"));

        // One click from a mail program: a POST with no cookie and no antiforgery token.
        var oneClick = await app.CreateClient().PostAsync(new Uri(unsubscribe).PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var prefs = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Mail).SingleAsync());
        Assert.False(prefs.DayBefore);
        Assert.True(prefs.RunCancelled); // only that kind is switched off
    }

    [Fact]
    public async Task A_member_who_switched_reminders_off_gets_none_and_a_late_rsvp_is_not_reminded()
    {
        await using var app = Sending(new AppFactory(), jobs: false);
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var off = await app.NewMemberAsync();
        var late = await app.NewMemberAsync();
        var usual = await app.NewMemberAsync();
        await app.RsvpAsync(run.Id, off, ago: TimeSpan.FromDays(2));
        await app.RsvpAsync(run.Id, late, ago: TimeSpan.FromHours(1)); // said so 19 hours before: after the reminder fell due
        await app.RsvpAsync(run.Id, usual, ago: TimeSpan.FromDays(2));
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == off).ExecuteUpdateAsync(s => s.SetProperty(u => u.Mail.DayBefore, false)));

        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();

        var queued = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Kind == MailKind.DayBefore && m.Key.StartsWith($"day-before:{run.Id}:")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal([usual], queued);
    }

    [Fact]
    public async Task Two_instances_working_at_once_send_each_reminder_exactly_once()
    {
        await using var first = Sending(new AppFactory());
        await using var second = Sending(AppFactory.SharingDatabaseWith(first));
        _ = second.Server; // both running, both scanning and sending
        var run = await first.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var emails = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            emails.Add(await first.NewMemberAsync($"Pair{i}"));
            await first.RsvpAsync(run.Id, emails[^1], ago: TimeSpan.FromDays(2));
        }
        // And, on top of their timers, both instances asked to do all the work at the same moment, again and again.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var app = i % 2 == 0 ? first : second;
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();
            await app.Services.GetRequiredService<OutboxSender>().SendDueAsync();
        }));

        foreach (var email in emails) await MailBox.WaitForMailToAsync(smtp.MailDir, email, "Tomorrow:", TimeSpan.FromSeconds(20));
        await SettleAsync(first, second);
        foreach (var email in emails) Assert.Single(await MailBox.AllToAsync(smtp.MailDir, email, "Tomorrow:"));
        var rows = await first.WithDbAsync(db => db.OutboxMails.Where(m => m.Key.StartsWith($"day-before:{run.Id}:")).ToListAsync());
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => { Assert.NotNull(r.SentAt); Assert.Equal(1, r.Attempts); });
    }

    [Fact]
    public async Task Mail_queued_before_a_restart_is_sent_after_it_once_and_a_send_cut_off_mid_way_is_taken_over()
    {
        await using var owner = Sending(new AppFactory(), jobs: false);
        var run = await owner.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var member = await owner.NewMemberAsync("Before");
        await owner.RsvpAsync(run.Id, member, ago: TimeSpan.FromDays(2));
        var other = await owner.NewRunAsync("peterborough", TimeSpan.FromDays(3));
        var cancelledFor = await owner.NewMemberAsync("Cancelled");
        await owner.RsvpAsync(other.Id, cancelledFor, ago: TimeSpan.FromDays(1));

        // The first instance queues the cancellation, then stops before sending anything.
        await using (var before = Sending(AppFactory.SharingDatabaseWith(owner), jobs: false))
        {
            var leader = await before.ApiClientAsync(RunTalkRun.Data.DemoCommunity.LeaderEmail("peterborough"));
            var cancel = await leader.PatchAsync($"/api/v1/runs/{other.Id}", System.Net.Http.Json.JsonContent.Create(new { status = "cancelled", cancelReason = "Storm warning" }));
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        // A mail another sender claimed, then died while sending (its claim has run out).
        await owner.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"OutboxMails\" (\"Key\", \"Kind\", \"ToAddress\", \"Subject\", \"Body\", \"CreatedAt\", \"DueAt\", \"ClaimedBy\", \"ClaimedUntil\", \"Attempts\") " +
            "VALUES ('test:cut-off', 'RunCancelled', 'cutoff@example.net', 'Cut off mid-send', 'Hello', {0}, {0}, 'a-sender-that-died', {1}, 1)",
            owner.Clock.GetCurrentInstant().Minus(Duration.FromMinutes(10)).ToDateTimeUtc(), owner.Clock.GetCurrentInstant().Minus(Duration.FromMinutes(1)).ToDateTimeUtc()));
        Assert.Empty(await MailBox.AllToAsync(smtp.MailDir, cancelledFor, "Cancelled:"));

        // The next instance to start sends what was queued and does the reminder that fell due meanwhile.
        await using var after = Sending(AppFactory.SharingDatabaseWith(owner));
        _ = after.Server;
        var news = await MailBox.WaitForMailToAsync(smtp.MailDir, cancelledFor, "Cancelled:", TimeSpan.FromSeconds(20));
        Assert.Contains("Storm warning", news.TextBody);
        await MailBox.WaitForMailToAsync(smtp.MailDir, member, "Tomorrow:", TimeSpan.FromSeconds(20));
        await MailBox.WaitForMailToAsync(smtp.MailDir, "cutoff@example.net", "Cut off", TimeSpan.FromSeconds(20));
        await SettleAsync(after);
        Assert.Single(await MailBox.AllToAsync(smtp.MailDir, cancelledFor, "Cancelled:"));
        Assert.Single(await MailBox.AllToAsync(smtp.MailDir, member, "Tomorrow:"));
    }

    [Fact]
    public async Task A_mail_the_smtp_server_refuses_is_tried_again_later_not_lost()
    {
        await using var app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", "1").With("Smtp:Security", "None");
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var email = await app.NewMemberAsync();
        await app.RsvpAsync(run.Id, email, ago: TimeSpan.FromDays(2));
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();

        Assert.Equal(0, await app.Services.GetRequiredService<OutboxSender>().SendDueAsync());

        var row = await app.WithDbAsync(db => db.OutboxMails.SingleAsync(m => m.ToAddress == email));
        Assert.Null(row.SentAt);
        Assert.Null(row.GaveUpAt);
        Assert.NotNull(row.LastError);
        Assert.True(row.ClaimedUntil > app.Clock.GetCurrentInstant(), "waits before the next try");
    }
}
