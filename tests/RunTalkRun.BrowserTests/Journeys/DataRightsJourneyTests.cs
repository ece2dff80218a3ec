using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// Data rights, tried as a new user would: a newcomer joins Peterborough, says they're coming to a run and
/// says hello in the group's room; then, from "Account", downloads their data (a JSON file with all of that
/// in it), reads their consents and the privacy notice, and deletes their account, getting the password wrong
/// once and forgetting the box once. Afterwards they can't sign in, and a Peterborough member sees their
/// message as "deleted member: Message deleted". Every kind of page on the way is checked with axe, once.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DataRightsJourneyTests(BrowserApp app)
{
    const string Nickname = "Wren";
    // Dev, one of the demo's Peterborough members (the demo puts member n in group (n - 1) mod 8; Peterborough is the fourth).
    static readonly string PeterboroughMember = DemoCommunity.MemberEmail(4);

    [Fact]
    public async Task A_member_downloads_their_data_and_deletes_their_account_and_the_group_sees_a_deleted_member()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var email = $"wren.{Guid.NewGuid():N}@example.net";
        var hello = $"Hi all, I'm new and a bit nervous about Wednesday. Is it fine to walk some of it? ({tag})";
        var reply = $"Welcome! Of course, lots of us walk bits. See you by the river ({tag}r).";

        // 1. Wren signs up, joins Peterborough, says "I'm coming" to its next run and says hello in its room.
        await using var context = await app.NewContextAsync();
        var page = await JourneySteps.SignUpAsync(context, email, Nickname);
        await page.GotoAsync("/groups/peterborough");
        var membership = page.Locator("#membership");
        await membership.GetByRole(AriaRole.Button, new() { Name = "Join Peterborough" }).ClickAsync();
        await Expect(page.Locator("main .notice")).ToContainTextAsync("Welcome to Peterborough!");

        await page.Locator("main .cards .card").Filter(new() { HasNotText = "Cancelled" }).First.GetByRole(AriaRole.Link).ClickAsync();
        var runUrl = new Regex(@"/runs/(?<id>\d+)$");
        await Expect(page).ToHaveURLAsync(runUrl);
        var runId = int.Parse(runUrl.Match(page.Url).Groups["id"].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "I'm coming" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("You're coming. See you there!");

        await page.GotoAsync("/groups/peterborough");
        await membership.GetByRole(AriaRole.Link, new() { Name = "Talk with the group" }).ClickAsync();
        var roomUrl = new Regex(@"/talk/(?<id>\d+)$");
        await Expect(page).ToHaveURLAsync(roomUrl);
        var room = page.Url;
        await Expect(page.Locator("#messages[data-live=yes]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var form = page.Locator("#send");
        await form.GetByLabel("Your message").FillAsync(hello);
        await form.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator("#send-status")).ToHaveTextAsync("Sent.");
        var mine = page.Locator("ol#messages > li.mine").Filter(new() { HasText = hello });
        await Expect(mine).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        var messageId = long.Parse((await mine.GetAttributeAsync("id") ?? "").TrimStart('m'));

        // Dev, a Peterborough member, on their own device, answers.
        await using var otherContext = await app.NewContextAsync();
        var dev = await otherContext.NewPageAsync();
        await dev.GotoAsync("/account/sign-in");
        await dev.GetByLabel("Email address", new() { Exact = true }).FillAsync(PeterboroughMember);
        await dev.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoCommunity.Password);
        await dev.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(dev).ToHaveURLAsync(new Regex("/my-runs$"));
        await dev.GotoAsync(room);
        await Expect(dev.Locator($"#m{messageId}")).ToContainTextAsync(hello);
        await Expect(dev.Locator("#messages[data-live=yes]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await dev.Locator("#send").GetByLabel("Your message").FillAsync(reply);
        await dev.Locator("#send").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(dev.Locator("#send-status")).ToHaveTextAsync("Sent.");
        await Expect(page.Locator("ol#messages > li").Filter(new() { HasText = reply })).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        // 2. "Account" in the navigation, then "Download your data".
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        var facts = page.Locator("main dl.facts");
        await Expect(facts).ToContainTextAsync(Nickname);
        await Expect(facts).ToContainTextAsync(email);
        await page.CheckPageAsync("87-account");

        await page.Locator("#data-links").GetByRole(AriaRole.Link, new() { Name = "Download your data" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/data$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Download your data");
        await page.CheckPageAsync("88-download-your-data");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download your data" }).ClickAsync());
        Assert.Matches(@"^run-talk-run-data-\d{4}-\d{2}-\d{2}\.json$", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        using (var json = JsonDocument.Parse(file))
        {
            var data = json.RootElement;
            var account = data.GetProperty("account");
            Assert.Equal(email, account.GetProperty("email").GetString());
            Assert.Equal(Nickname, account.GetProperty("nickname").GetString());
            Assert.Contains(data.GetProperty("groups").EnumerateArray(), g =>
                g.GetProperty("slug").GetString() == "peterborough" && g.GetProperty("group").GetString() == "Peterborough" && g.GetProperty("role").GetString() == "Member");
            Assert.Contains(data.GetProperty("rsvps").EnumerateArray(), r =>
                r.GetProperty("runId").GetInt32() == runId && r.GetProperty("group").GetString() == "Peterborough" && r.GetProperty("status").GetString() == "Going");
            Assert.Contains(data.GetProperty("messages").EnumerateArray(), m =>
                m.GetProperty("id").GetInt64() == messageId && m.GetProperty("text").GetString() == hello);
            var consents = data.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
            Assert.Contains("CommunityGuidelines", consents);
            Assert.Contains("AttendanceData", consents);
        }
        // Only theirs: nobody else's address or words.
        Assert.DoesNotContain(DemoCommunity.LeaderEmail("peterborough"), file);
        Assert.DoesNotContain(PeterboroughMember, file);
        Assert.DoesNotContain(reply, file);
        await Expect(page).ToHaveURLAsync(new Regex("/account/data$"));

        // 3. Their consents, and the privacy notice.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await page.Locator("#data-links").GetByRole(AriaRole.Link, new() { Name = "Your consents" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/consents$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your consents");
        await Expect(page.Locator("#consent-guidelines .consent-state")).ToContainTextAsync("Given");
        await Expect(page.Locator("#consent-guidelines")).ToContainTextAsync("To withdraw it, delete your account.");
        await Expect(page.Locator("#consent-attendance .consent-state")).ToContainTextAsync("Given");
        await Expect(page.Locator("#consent-attendance").GetByRole(AriaRole.Button, new() { Name = "Withdraw" })).ToBeVisibleAsync();
        await page.CheckPageAsync("89-your-consents");

        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await page.Locator("#data-links").GetByRole(AriaRole.Link, new() { Name = "Privacy notice" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/privacy$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Privacy notice");
        await Expect(page.Locator("#what-we-hold")).ToContainTextAsync("Your chat messages");
        await page.CheckPageAsync("90-privacy-notice");
        await using (var phone = await app.NewContextAsync(new()
        {
            StorageState = await context.StorageStateAsync(),
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        }))
        {
            var small = await phone.NewPageAsync();
            await small.GotoAsync("/privacy");
            await Expect(small.Locator("#what-we-hold")).ToContainTextAsync("Your chat messages");
            await small.CheckPageAsync("94-privacy-notice-on-a-phone");
        }

        // 4. "Delete your account": a wrong password first, with the box ticked.
        await page.GotoAsync("/account");
        await page.Locator("#data-links").GetByRole(AriaRole.Link, new() { Name = "Delete your account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/delete$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Delete your account");
        var password = page.GetByLabel("Your password");
        var understand = page.GetByLabel("I understand that my account and my personal data will be deleted");
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" });
        var summary = page.Locator(".error-summary");

        await password.FillAsync("gentle loops by the sea");
        await understand.CheckAsync();
        await delete.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/delete$"));
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: Delete your account"));
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "That isn't your password. Nothing has been deleted." })).ToHaveAttributeAsync("href", "#Password");
        await Expect(page.Locator("#Password-error")).ToContainTextAsync("That isn't your password. Nothing has been deleted.");
        await Expect(password).ToHaveValueAsync(""); // a password is never sent back into the page
        await Expect(understand).ToBeCheckedAsync(); // what was ticked stays ticked
        await page.CheckPageAsync("91-delete-wrong-password");

        // Then the right password, but the box not ticked.
        await password.FillAsync(JourneySteps.NewPassword);
        await understand.UncheckAsync();
        await delete.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/delete$"));
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Tick the box to say you understand that this can't be undone." })).ToHaveAttributeAsync("href", "#Confirm");
        await Expect(page.Locator("#Confirm-error")).ToContainTextAsync("Tick the box");
        await Expect(understand).Not.ToBeCheckedAsync();

        // Then both: gone, signed out, and told so on the home page.
        await password.FillAsync(JourneySteps.NewPassword);
        await understand.CheckAsync();
        await delete.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"^https://[^/]+/$"));
        await Expect(page.Locator("main .notice")).ToContainTextAsync("Your account has been deleted, and everything personal with it.");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToHaveCountAsync(0);
        await page.CheckPageAsync("92-account-deleted");
        await page.GotoAsync("/account");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));

        // 5. Signing in again with the same email and password doesn't work.
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(JourneySteps.NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("The email address or password is not right.");
        await page.AxeOnlyAsync("sign-in refused");

        // Dev, in Peterborough, looks at the room on their own device: Wren's hello is now "deleted member: Message deleted",
        // and Dev's reply still makes sense beneath it.
        await dev.GotoAsync(room);
        await Expect(dev.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Peterborough");
        var gone = dev.Locator($"#m{messageId}");
        await Expect(gone.Locator(".meta strong")).ToHaveTextAsync("deleted member");
        await Expect(gone.Locator(".gone")).ToHaveTextAsync("Message deleted");
        await Expect(gone.GetByRole(AriaRole.Link)).ToHaveCountAsync(0); // nothing left to report
        await Expect(dev.Locator("ol#messages > li").Filter(new() { HasText = reply })).ToHaveCountAsync(1);
        var html = await dev.ContentAsync();
        Assert.DoesNotContain(hello, html);
        Assert.DoesNotContain(Nickname, html);
        await dev.CheckPageAsync("93-deleted-member-in-chat");
    }
}
