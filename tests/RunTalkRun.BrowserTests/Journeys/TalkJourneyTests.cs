using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// Talk, tried as new users would: two newcomers join Peterborough and chat in its room at the same
/// time, each seeing the other's messages arrive without reloading. One of them writes words about
/// wanting to die and is shown, privately, where to get help; the other isn't. The second reports one
/// of the first's messages, an HQ moderator hides it from the queue, and it turns into "Hidden by a
/// moderator" on the open page, live. Every kind of page on the way is checked with axe, once.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TalkJourneyTests(BrowserApp app)
{
    static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 10_000 };
    const string First = "Priya";
    const string Second = "Tom";

    [Fact]
    public async Task Two_newcomers_chat_live_one_is_shown_crisis_lines_privately_and_a_moderator_hides_a_reported_message()
    {
        // Words unique to this run, so nothing else in the shared room can match them.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var hello = $"Hello everyone, first time here ({tag}). Is Tuesday's run really slow?";
        var reply = $"Welcome {First}! Very slow, we chat the whole way ({tag}).";
        var crisis = $"Some days I feel like I want to die, honestly ({tag}).";

        // 1. Two newcomers sign up, join Peterborough and open its room.
        await using var firstContext = await app.NewContextAsync();
        await using var secondContext = await app.NewContextAsync();
        var a = await JourneySteps.SignUpAsync(firstContext, $"priya.{Guid.NewGuid():N}@example.net", First);
        var b = await JourneySteps.SignUpAsync(secondContext, $"tom.{Guid.NewGuid():N}@example.net", Second);
        var roomUrl = new Regex(@"/talk/(?<id>\d+)$");
        foreach (var page in new[] { a, b })
        {
            await page.GotoAsync("/groups/peterborough");
            var membership = page.Locator("#membership");
            await membership.GetByRole(AriaRole.Button, new() { Name = "Join Peterborough" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/groups/peterborough"));
            await membership.GetByRole(AriaRole.Link, new() { Name = "Talk with the group" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(roomUrl);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Peterborough");
        }
        Assert.Equal(a.Url, b.Url);

        // 2. Both are in the room at once; what one sends arrives on the other's page without a reload.
        await WaitUntilLiveAsync(a);
        await WaitUntilLiveAsync(b);
        await Expect(a.Locator("#care-note")).ToBeHiddenAsync();
        await MarkPageAsync(a);
        await MarkPageAsync(b);

        await SendAsync(a, hello);
        await Expect(b.Locator("ol#messages > li").Filter(new() { HasText = hello })).ToContainTextAsync(First, Live);
        await Expect(a.Locator("ol#messages > li.mine").Filter(new() { HasText = hello })).ToContainTextAsync(First, Live);

        await SendAsync(b, reply);
        await Expect(a.Locator("ol#messages > li").Filter(new() { HasText = reply })).ToContainTextAsync(Second, Live);
        await Expect(b.Locator("ol#messages > li.mine").Filter(new() { HasText = reply })).ToContainTextAsync(Second, Live);
        await AssertNotReloadedAsync(a);
        await AssertNotReloadedAsync(b);
        await b.CheckPageAsync("51-group-chat-live");

        // 3. Priya writes that she wants to die: she alone is shown the crisis lines; Tom sees her message.
        await SendAsync(a, crisis);
        var careNote = a.Locator("#care-note");
        await Expect(careNote).ToBeVisibleAsync();
        await Expect(careNote.GetByRole(AriaRole.Heading, new() { Name = "Thank you for sharing this" })).ToBeVisibleAsync();
        await Expect(careNote).ToContainTextAsync("Samaritans");
        await Expect(careNote).ToContainTextAsync("116 123");
        await Expect(a.Locator("ol#messages > li.mine").Filter(new() { HasText = crisis })).ToHaveCountAsync(1);
        await Expect(b.Locator("ol#messages > li").Filter(new() { HasText = crisis })).ToContainTextAsync(First, Live);
        await Expect(b.Locator("#care-note")).ToBeHiddenAsync();
        await Expect(b.Locator(".care-note:visible")).ToHaveCountAsync(0);
        await AssertNotReloadedAsync(a);
        await AssertNotReloadedAsync(b);
        await a.CheckPageAsync("52-care-note");

        // 4. Tom reports Priya's first message.
        var reported = b.Locator("ol#messages > li").Filter(new() { HasText = hello });
        var reportedId = await reported.GetAttributeAsync("id") ?? "";
        Assert.Matches(@"^m\d+$", reportedId);
        await reported.GetByRole(AriaRole.Link, new() { Name = $"Report {First}'s message" }).ClickAsync();
        await Expect(b).ToHaveURLAsync(new Regex($"/talk/messages/{reportedId[1..]}/report$"));
        await Expect(b.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Report a message");
        await Expect(b.Locator("main blockquote")).ToContainTextAsync(hello);
        await b.GetByLabel("What's wrong with it?").FillAsync($"Not unkind, just checking: is asking about pace OK here? ({tag})");
        await b.CheckPageAsync("53-report-a-message");
        await b.GetByRole(AriaRole.Button, new() { Name = "Report it" }).ClickAsync();
        await Expect(b).ToHaveURLAsync(roomUrl);
        await Expect(b.Locator("main")).ToContainTextAsync("Thank you. A moderator will look at it.");
        await WaitUntilLiveAsync(b);
        await MarkPageAsync(b);
        await Expect(b.Locator($"#{reportedId} .body")).ToContainTextAsync(hello);

        // 5. An HQ moderator sees both in the queue and hides the reported one.
        await using var moderatorContext = await app.NewContextAsync();
        var moderator = await moderatorContext.NewPageAsync();
        await moderator.GotoAsync("/account/sign-in");
        await moderator.GetByLabel("Email address", new() { Exact = true }).FillAsync(DemoCommunity.ModeratorEmail);
        await moderator.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await JourneySteps.EnterTwoStepCodeAsync(moderator, DemoCommunity.HqAuthenticatorKey); // HQ uses two-step sign-in
        await Expect(moderator).Not.ToHaveURLAsync(new Regex("/account/sign-in"));

        await moderator.GotoAsync("/talk/moderation");
        await Expect(moderator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Moderation queue");
        var reportedCard = moderator.Locator("main ul.cards > li.card").Filter(new() { HasText = hello });
        await Expect(reportedCard).ToContainTextAsync("Reported");
        await Expect(reportedCard).ToContainTextAsync($"({tag})\"");
        await Expect(reportedCard).ToContainTextAsync(First);
        var crisisCard = moderator.Locator("main ul.cards > li.card").Filter(new() { HasText = crisis });
        await Expect(crisisCard.Locator(".tag")).ToHaveTextAsync("Words about suicide or self-harm");
        await Expect(crisisCard.GetByRole(AriaRole.Button, new() { Name = "Keep it" })).ToBeVisibleAsync();
        await moderator.CheckPageAsync("54-moderation-queue");

        await reportedCard.GetByRole(AriaRole.Button, new() { Name = "Hide it" }).ClickAsync();
        await Expect(moderator).ToHaveURLAsync(new Regex("/talk/moderation$"));
        await Expect(moderator.Locator("main")).ToContainTextAsync("Hidden. The room sees \"hidden by a moderator\".");

        // Tom's open page shows it hidden, live; the rest of the room is as it was.
        var hidden = b.Locator($"#{reportedId}");
        await Expect(hidden).ToContainTextAsync("Hidden by a moderator", Live);
        await Expect(hidden).Not.ToContainTextAsync(hello);
        await Expect(hidden.GetByRole(AriaRole.Link, new() { Name = $"Report {First}'s message" })).ToHaveCountAsync(0);
        await Expect(a.Locator($"#{reportedId}")).ToContainTextAsync("Hidden by a moderator", Live);
        await Expect(b.Locator("ol#messages > li").Filter(new() { HasText = crisis })).ToHaveCountAsync(1);
        await AssertNotReloadedAsync(b);
        await b.CheckPageAsync("55-hidden-by-a-moderator");

        // 6. The list of rooms.
        await a.GotoAsync("/talk");
        await Expect(a.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Talk");
        await Expect(a.Locator("main ul.rooms").GetByRole(AriaRole.Link, new() { Name = "Peterborough" }).First).ToBeVisibleAsync();
        await a.CheckPageAsync("56-talk-rooms");
    }

    /// <summary>The page's script has joined the room over SignalR.</summary>
    static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#messages[data-live=yes]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    /// <summary>Types a message and presses Send; with the page live, it goes without a reload.</summary>
    static async Task SendAsync(IPage page, string text)
    {
        var form = page.Locator("#send");
        await form.GetByLabel("Your message").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#send-status")).ToHaveTextAsync("Sent.");
        await Expect(form.GetByLabel("Your message")).ToHaveValueAsync("");
    }

    /// <summary>Leaves a mark on the page's window, which any reload or navigation would wipe.</summary>
    static Task MarkPageAsync(IPage page) => page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

    static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), $"{page.Url} was reloaded");
}
