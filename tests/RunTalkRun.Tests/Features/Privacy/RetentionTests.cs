using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Privacy;
using RunTalkRun.Features.Safety;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>The retention job deletes what is past its period, and only that; the periods are settings.</summary>
public class RetentionTests(AppFactory app) : IClassFixture<AppFactory>
{
    static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();

    async Task<Retention.Pass> RunRetentionAsync(AppFactory on)
    {
        using var scope = on.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Retention>().RunOnceAsync();
    }

    static async Task<long> MessageAsync(AppDb db, int room, string author, string text, Instant sentAt)
    {
        var message = new ChatMessage { RoomId = room, AuthorId = author, Text = text, SentAt = sentAt };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Chat_messages_older_than_the_period_go_with_their_reports_and_newer_ones_stay()
    {
        var room = await app.GroupRoomAsync("peterborough");
        var author = await app.MemberIdAsync(await app.NewMemberAsync("Old timer", "peterborough"));
        var (old, recent) = await app.WithDbAsync(async db =>
        {
            var o = await MessageAsync(db, room, author, "From long ago", Now.Plus(Duration.FromDays(-366)));
            var r = await MessageAsync(db, room, author, "From last month", Now.Plus(Duration.FromDays(-30)));
            db.MessageReports.Add(new MessageReport { MessageId = o, ReporterId = author, Reason = "Old report", At = Now.Plus(Duration.FromDays(-366)) });
            await db.SaveChangesAsync();
            return (o, r);
        });
        var pass = await RunRetentionAsync(app);
        Assert.True(pass.Messages >= 1);
        Assert.False(await app.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == old)));
        Assert.False(await app.WithDbAsync(db => db.MessageReports.AnyAsync(r => r.MessageId == old)));
        Assert.True(await app.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == recent)));
    }

    [Fact]
    public async Task The_chat_period_is_a_setting()
    {
        await using var shortMemory = new AppFactory().With("Retention:ChatMessageDays", "7");
        var room = await shortMemory.GroupRoomAsync("peterborough");
        var author = await shortMemory.MemberIdAsync(await shortMemory.NewMemberAsync("Brief", "peterborough"));
        var (tenDays, twoDays) = await shortMemory.WithDbAsync(async db =>
            (await MessageAsync(db, room, author, "Ten days ago", Now.Plus(Duration.FromDays(-10))), await MessageAsync(db, room, author, "Two days ago", Now.Plus(Duration.FromDays(-2)))));
        await RunRetentionAsync(shortMemory);
        Assert.False(await shortMemory.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == tenDays)));
        Assert.True(await shortMemory.WithDbAsync(db => db.Messages.AnyAsync(m => m.Id == twoDays)));
    }

    [Fact]
    public async Task Closed_concerns_go_with_their_notes_after_the_period_and_open_ones_stay_however_old()
    {
        var run = await app.PastRunAsync("peterborough");
        var ids = await app.WithDbAsync(async db =>
        {
            Concern Make(ConcernStatus status, Instant raised, Instant? closed) => new()
            {
                RunId = run.Id, Kind = ConcernKind.Incident, Description = "Retention check", Status = status, RaisedAt = raised, UpdatedAt = raised, ClosedAt = closed,
                Notes = [new ConcernNote { Text = "A note", At = raised }],
            };
            var oldClosed = Make(ConcernStatus.Closed, Now.Plus(Duration.FromDays(-7 * 365)), Now.Plus(Duration.FromDays(-6 * 365 - 1)));
            var recentlyClosed = Make(ConcernStatus.Closed, Now.Plus(Duration.FromDays(-7 * 365)), Now.Plus(Duration.FromDays(-10)));
            var oldOpen = Make(ConcernStatus.InProgress, Now.Plus(Duration.FromDays(-7 * 365)), null);
            db.Concerns.AddRange(oldClosed, recentlyClosed, oldOpen);
            await db.SaveChangesAsync();
            return (oldClosed.Id, recentlyClosed.Id, oldOpen.Id);
        });
        await RunRetentionAsync(app);
        Assert.False(await app.WithDbAsync(db => db.Concerns.AnyAsync(c => c.Id == ids.Item1)));
        Assert.False(await app.WithDbAsync(db => db.ConcernNotes.AnyAsync(n => n.ConcernId == ids.Item1)));
        Assert.True(await app.WithDbAsync(db => db.Concerns.AnyAsync(c => c.Id == ids.Item2)));
        Assert.True(await app.WithDbAsync(db => db.Concerns.AnyAsync(c => c.Id == ids.Item3)));
    }

    [Fact]
    public async Task Decided_applications_go_a_year_after_the_decision_and_open_ones_stay()
    {
        var member = await app.MemberIdAsync(await app.NewMemberAsync("Applied"));
        var ids = await app.WithDbAsync(async db =>
        {
            LeaderApplication Make(string town, ApplicationStatus status, Instant? decided) => new()
            {
                MemberId = member, Kind = ApplicationKind.NewGroup, Town = town, Country = "GB", TownKey = LeaderApplication.KeyFor("GB", town + Guid.NewGuid().ToString("N")),
                Motivation = "To help", Experience = "Some", Availability = "Sundays", Status = status, DecidedAt = decided,
                CreatedAt = Now.Plus(Duration.FromDays(-500)), UpdatedAt = Now.Plus(Duration.FromDays(-500)), GuidelinesAcceptedAt = Now.Plus(Duration.FromDays(-500)), LeadersCodeAcceptedAt = Now.Plus(Duration.FromDays(-500)),
                Messages = [new ApplicationMessage { FromHq = true, Text = "A question", CreatedAt = Now.Plus(Duration.FromDays(-499)) }],
            };
            var declined = Make("Wisbech", ApplicationStatus.Declined, Now.Plus(Duration.FromDays(-366)));
            var approvedRecently = Make("March", ApplicationStatus.Approved, Now.Plus(Duration.FromDays(-20)));
            var open = Make("Chatteris", ApplicationStatus.Submitted, null);
            db.Applications.AddRange(declined, approvedRecently, open);
            await db.SaveChangesAsync();
            return (declined.Id, approvedRecently.Id, open.Id);
        });
        await RunRetentionAsync(app);
        Assert.False(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.Id == ids.Item1)));
        Assert.False(await app.WithDbAsync(db => db.ApplicationMessages.AnyAsync(m => m.ApplicationId == ids.Item1)));
        Assert.True(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.Id == ids.Item2)));
        Assert.True(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.Id == ids.Item3)));
    }

    [Fact]
    public async Task Sent_mail_leaves_the_outbox_after_the_period_and_mail_still_to_send_stays()
    {
        var key = Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async db =>
        {
            OutboxMail Make(string suffix, Instant? sent, Instant created) => new()
            {
                Key = $"{key}:{suffix}", Kind = MailKind.DayBefore, ToAddress = "someone@example.net", Subject = "S", Body = "B", CreatedAt = created, DueAt = created, SentAt = sent,
            };
            db.OutboxMails.AddRange(Make("old", Now.Plus(Duration.FromDays(-61)), Now.Plus(Duration.FromDays(-61))), Make("recent", Now.Plus(Duration.FromDays(-10)), Now.Plus(Duration.FromDays(-10))), Make("unsent", null, Now.Plus(Duration.FromDays(-90))));
            return await db.SaveChangesAsync();
        });
        await RunRetentionAsync(app);
        var left = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Key.StartsWith(key)).Select(m => m.Key).ToListAsync());
        Assert.Equal(new[] { $"{key}:recent", $"{key}:unsent" }, left.Order());
    }
}
