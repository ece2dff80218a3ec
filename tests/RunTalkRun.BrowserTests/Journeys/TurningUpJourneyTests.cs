using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using NodaTime;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// Turning up: saying "I'm coming", the reminder the day before, a run cancelled with the leader's
/// reason, a full run's waitlist and the place that comes up, and the register at the run on the
/// leader's phone. Mail is read from a real SMTP server, sent by the app's own background sender.
/// </summary>
public class TurningUpJourneyTests(MailingApp app) : IClassFixture<MailingApp>
{
    static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_member_coming_for_the_first_time_is_reminded_the_day_before_and_told_with_the_reason_when_the_leader_cancels()
    {
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromHours(20));
        var email = DemoCommunity.MemberEmail(4); // Dev, of the Peterborough group

        await using var memberContext = await app.NewContextAsync();
        var member = await app.SignInAsync(memberContext, email);
        await member.GotoAsync($"/runs/{run.Id}");
        await member.GetByLabel("It's my first time at Run Talk Run").CheckAsync();
        await member.GetByRole(AriaRole.Button, new() { Name = "I'm coming" }).ClickAsync();
        await Expect(member).ToHaveURLAsync(new Regex($"/runs/{run.Id}$"));
        await Expect(member.Locator("main")).ToContainTextAsync("You're coming, and we've let the leaders know it's your first time. See you there!");

        // The day-before reminder goes only to people who said so before it fell due (24 hours before the
        // start); someone saying so 20 hours before has just been thinking about the run. So, as if they had
        // said "I'm coming" two days ago, the RSVP the browser made is moved back in the database.
        var moved = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id && r.Member!.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(-2)))));
        Assert.Equal(1, moved);

        var reminder = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, email, "Tomorrow:", MailWait);
        Assert.StartsWith("Tomorrow: Peterborough run", reminder.Subject);
        Assert.Contains("Hi Dev", reminder.TextBody);
        Assert.Contains($"/runs/{run.Id}", reminder.TextBody);
        AssertOneClickUnsubscribe(reminder);

        // Jennie, the leader, can't make it after all: she cancels from her own device, saying why.
        const string reason = "Jennie has a cold. Back next Wednesday, same time, same place.";
        await using var leaderContext = await app.NewContextAsync();
        var leader = await app.SignInAsync(leaderContext, DemoCommunity.LeaderEmail("peterborough"));
        await leader.GotoAsync($"/runs/{run.Id}");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Change or cancel this run" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{run.Id}/manage$"));
        await leader.GetByLabel("Why is it cancelled?").FillAsync(reason);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Cancel this run" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{run.Id}$"));
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("The run is cancelled. Everyone looking at it sees your reason.");

        var cancelled = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, email, "Cancelled:", MailWait);
        Assert.StartsWith("Cancelled: Peterborough run on", cancelled.Subject);
        Assert.Contains(reason, cancelled.TextBody);
        Assert.Contains("/groups/peterborough", cancelled.TextBody);
        AssertOneClickUnsubscribe(cancelled);

        await member.ReloadAsync();
        await Expect(member.Locator("main .warning")).ToContainTextAsync("This run is cancelled. " + reason);
        await Expect(member.Locator("main")).ToContainTextAsync("You'd said you were coming. As this run is cancelled, you don't need to do anything.");
        await Expect(member.GetByRole(AriaRole.Button, new() { Name = "I can't make it any more" })).ToHaveCountAsync(0);
        await member.CheckPageAsync("32-run-cancelled");
    }

    [Fact]
    public async Task On_a_full_run_a_member_joins_the_waitlist_and_takes_the_place_offered_by_mail_when_someone_drops_out()
    {
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromDays(3), capacity: 1);
        var first = DemoCommunity.MemberEmail(13); // Mo
        var waiting = DemoCommunity.MemberEmail(14); // Nina

        await using var firstContext = await app.NewContextAsync();
        var mo = await app.SignInAsync(firstContext, first);
        await mo.GotoAsync($"/runs/{run.Id}");
        await mo.GetByRole(AriaRole.Button, new() { Name = "I'm coming" }).ClickAsync();
        await Expect(mo.Locator("main .notice").First).ToContainTextAsync("You're coming. See you there!");

        await using var waitingContext = await app.NewContextAsync();
        var nina = await app.SignInAsync(waitingContext, waiting);
        await nina.GotoAsync($"/runs/{run.Id}");
        await Expect(nina.Locator("main")).ToContainTextAsync("This run is full. You can join the waitlist");
        await Expect(nina.GetByRole(AriaRole.Button, new() { Name = "I'm coming" })).ToHaveCountAsync(0);
        await nina.CheckPageAsync("33-run-full");
        await nina.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();
        await Expect(nina).ToHaveURLAsync(new Regex($"/runs/{run.Id}$"));
        await Expect(nina.Locator("main")).ToContainTextAsync("You're on the waitlist, number 1.");
        await Expect(nina.GetByRole(AriaRole.Button, new() { Name = "Take me off the waitlist" })).ToBeVisibleAsync();
        await nina.CheckPageAsync("34-run-on-the-waitlist");

        // Mo's plans change.
        await mo.ReloadAsync();
        await mo.GetByRole(AriaRole.Button, new() { Name = "I can't make it any more" }).ClickAsync();
        await Expect(mo.Locator("main .notice").First).ToContainTextAsync("Thanks for letting us know. We hope to see you another time.");

        var offer = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, waiting, "A place is yours", MailWait);
        Assert.StartsWith("A place is yours: Peterborough run on", offer.Subject);
        Assert.Contains("Hi Nina", offer.TextBody);
        AssertOneClickUnsubscribe(offer);
        var link = MailBox.LinkIn(offer, $"/runs/{run.Id}");
        Assert.Equal(new Uri(app.BaseAddress, $"/runs/{run.Id}"), new Uri(link));

        // Nina opens the link from the mail, on the device she is signed in on.
        await nina.GotoAsync(link);
        await Expect(nina.Locator("main")).ToContainTextAsync("A place has come up, and it's yours if you want it.");
        await Expect(nina.GetByRole(AriaRole.Button, new() { Name = "No thanks, pass it on" })).ToBeVisibleAsync();
        await nina.CheckPageAsync("35-run-place-offered");
        await nina.GetByRole(AriaRole.Button, new() { Name = "Take the place" }).ClickAsync();
        await Expect(nina).ToHaveURLAsync(new Regex($"/runs/{run.Id}$"));
        await Expect(nina.Locator("main .notice").First).ToContainTextAsync("You're coming. See you there!");
        await Expect(nina.GetByRole(AriaRole.Button, new() { Name = "I can't make it any more" })).ToBeVisibleAsync();

        var going = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id).Select(r => new { r.Member!.Email, r.Status }).ToListAsync());
        Assert.Equal(new[] { (waiting, RsvpStatus.Going) }, going.Select(g => (g.Email ?? "", g.Status)));
    }

    [Fact]
    public async Task At_the_run_the_leader_ticks_adds_a_walk_in_counts_everyone_out_and_is_told_what_to_do_when_someone_is_not_back()
    {
        // The register opens 30 minutes before the start, and emergency contacts show on the run's own day:
        // a run ten minutes from now, unless that is after midnight in Peterborough (then five minutes ago).
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var now = SystemClock.Instance.GetCurrentInstant();
        var startsIn = now.InZone(london).Date == now.Plus(Duration.FromMinutes(10)).InZone(london).Date
            ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(-5);
        var run = await app.NewRunAsync("peterborough", startsIn);
        var oscar = DemoCommunity.MemberEmail(15);
        var pip = DemoCommunity.MemberEmail(16);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == oscar).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.EmergencyContactName, "Jo")
            .SetProperty(u => u.EmergencyContactPhone, "+447911123456")));
        await app.RsvpAsync(run.Id, oscar, firstTime: false);
        await app.RsvpAsync(run.Id, pip, firstTime: true);

        // Jennie, on her phone at the meeting point.
        await using var phone = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        });
        var leader = await app.SignInAsync(phone, DemoCommunity.LeaderEmail("peterborough"));
        await leader.GotoAsync($"/runs/{run.Id}");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{run.Id}/register$"));
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Register");
        var ticks = leader.GetByRole(AriaRole.Group, new() { Name = "Tick everyone who turned up" });
        await Expect(ticks.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2);
        await Expect(ticks.GetByLabel("Pip")).ToBeVisibleAsync();
        await Expect(ticks).ToContainTextAsync("First time");
        await Expect(ticks).ToContainTextAsync("Emergency contact: Jo, +44 7911 123456");
        await Expect(ticks.Locator("a[href='tel:+447911123456']")).ToHaveCountAsync(1);
        await Expect(leader.Locator("#register-total")).ToContainTextAsync("On the register: 0.");
        await leader.CheckPageAsync("36-register-on-a-phone");

        await ticks.GetByLabel("Oscar").CheckAsync();
        await leader.GetByRole(AriaRole.Button, new() { Name = "Save ticks" }).ClickAsync();
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("Ticks saved.");
        await Expect(leader.GetByRole(AriaRole.Group, new() { Name = "Tick everyone who turned up" }).GetByLabel("Oscar")).ToBeCheckedAsync();
        await Expect(leader.GetByRole(AriaRole.Group, new() { Name = "Tick everyone who turned up" }).GetByLabel("Pip")).Not.ToBeCheckedAsync();

        await leader.GetByLabel("First name (optional)").FillAsync("Sam");
        await leader.GetByLabel("It's their first time").CheckAsync();
        await leader.GetByRole(AriaRole.Button, new() { Name = "Add a walk-in" }).ClickAsync();
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("Walk-in added.");
        await Expect(leader.Locator("#register-total")).ToContainTextAsync("On the register: 2, 1 first-timer.");

        await leader.GetByLabel("Everyone who set off, you included").FillAsync("3");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Save headcount" }).ClickAsync();
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("Headcount saved.");
        await Expect(leader.Locator("#register-total")).ToContainTextAsync("Set off: 3. Back: not counted yet.");

        // A miscount: more back than set off is refused, beside the field, keeping what was typed.
        await leader.GetByLabel("Everyone back at the end").FillAsync("4");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Save headcount" }).ClickAsync();
        await Expect(leader.Locator(".error-summary")).ToContainTextAsync("The end headcount can't be more than the 3 who set off.");
        var endField = leader.Locator(".field").Filter(new() { Has = leader.GetByLabel("Everyone back at the end") });
        await Expect(endField.Locator(".field-error")).ToContainTextAsync("The end headcount can't be more than the 3 who set off.");
        await Expect(leader.GetByLabel("Everyone back at the end")).ToHaveValueAsync("4");
        await Expect(leader.GetByLabel("Everyone back at the end")).ToHaveAttributeAsync("aria-describedby", new Regex("Headcount_End-error"));
        await Expect(leader).ToHaveTitleAsync(new Regex("^Error: "));
        await leader.CheckPageAsync("37-register-end-above-start");

        await leader.GetByLabel("Everyone back at the end").FillAsync("2");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Save headcount" }).ClickAsync();
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("Headcount saved.");
        var missing = leader.Locator("#missing");
        await Expect(missing).ToBeVisibleAsync();
        await Expect(missing.GetByRole(AriaRole.Heading)).ToHaveTextAsync("1 person is not back yet");
        await Expect(missing).ToContainTextAsync("Send two runners back along the route together");
        await Expect(missing).ToContainTextAsync("If you can't find them, call 999");
        await Expect(leader.Locator("#register-total")).ToContainTextAsync("Set off: 3. Back: 2.");
        await leader.CheckPageAsync("38-register-someone-not-back");

        var saved = await app.WithDbAsync(db => db.Runs.Where(r => r.Id == run.Id).Select(r => new { r.StartHeadcount, r.EndHeadcount }).SingleAsync());
        Assert.Equal((3, 2), (saved.StartHeadcount, saved.EndHeadcount));
    }

    static void AssertOneClickUnsubscribe(MimeMessage mail)
    {
        var unsubscribe = mail.Headers["List-Unsubscribe"];
        Assert.False(string.IsNullOrEmpty(unsubscribe), $"'{mail.Subject}' has no List-Unsubscribe header");
        Assert.Contains("/mail/unsubscribe/", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }
}
