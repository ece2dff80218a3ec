using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// Leading: a newcomer asks to start a group in Truro, answers HQ's question and is approved; they get
/// the group ready (a meeting point, a weekly run) and HQ sets it live; a second person becomes a
/// leader there; the organiser can't make one run and asks for cover, and the new leader takes it with
/// one tap from the email, on their phone. Every step is done on the pages, with mail read from a real
/// SMTP server. Every kind of page on the way is checked with axe, once: a page seen again in another
/// state isn't checked again, as axe takes about two seconds a page on these machines.
/// </summary>
public class LeadingJourneyTests(MailingApp app) : IClassFixture<MailingApp>
{
    static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);
    const string Organiser = "Kerensa";
    const string SecondLeader = "Jago";
    const string Question = "Where would the runs start?";
    const string Answer = "From Lemon Quay in the middle of Truro: there are toilets nearby and it's flat, so anyone can find us.";
    const string CoverReason = "I'm away at my sister's wedding that weekend.";

    [Fact]
    public async Task A_newcomer_starts_a_group_in_Truro_HQ_sets_it_live_and_a_second_leader_covers_a_run_from_the_email()
    {
        var organiserEmail = $"kerensa.{Guid.NewGuid():N}@example.net";
        var leaderEmail = $"jago.{Guid.NewGuid():N}@example.net";

        // 1. Kerensa signs up and asks to start a group in Truro.
        await using var organiserContext = await app.NewContextAsync();
        var organiser = await JourneySteps.SignUpAsync(organiserContext, organiserEmail, Organiser);
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Lead runs or start a group" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/lead/apply$"));
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lead runs, or start a group");

        await organiser.GetByLabel("Start a group in a town that has none").CheckAsync();
        await organiser.GetByLabel("The town (for a new group)").FillAsync("Truro");
        await organiser.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync("GB");
        await organiser.GetByLabel("Why would you like to lead?").FillAsync("Running with others helped me through a bad winter. There's nothing like Run Talk Run in Cornwall, and I'd like there to be.");
        await organiser.GetByLabel("Your running", new() { Exact = true }).FillAsync("Three slow runs a week, and a Saturday parkrun now and then.");
        await organiser.GetByLabel("When could you lead?").FillAsync("Thursday evenings");
        await organiser.GetByLabel("Training you've done (optional)").FillAsync("Mental Health First Aid (2024)");
        await organiser.GetByLabel("I'll lead by the community guidelines").CheckAsync();
        await organiser.GetByLabel("I agree to the leaders' code").CheckAsync();
        await organiser.CheckPageAsync("39-apply-to-start-a-group");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Send my application" }).ClickAsync();

        var applicationUrl = new Regex(@"/applications/(?<id>\d+)$");
        await Expect(organiser).ToHaveURLAsync(applicationUrl);
        var applicationId = int.Parse(applicationUrl.Match(organiser.Url).Groups["id"].Value);
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Start a group in Truro");
        await Expect(organiser.Locator("main .tag").First).ToHaveTextAsync("Waiting for HQ to read it");
        await Expect(organiser.Locator("main")).ToContainTextAsync("Thank you: your application is with HQ.");
        await organiser.CheckPageAsync("40-application-waiting-for-hq");

        var received = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, organiserEmail, "Thank you for applying", MailWait);
        Assert.Equal("Thank you for applying: Start a group in Truro", received.Subject);
        Assert.Equal(new Uri(app.BaseAddress, $"/applications/{applicationId}"), new Uri(MailBox.LinkIn(received, $"/applications/{applicationId}")));

        // 2. HQ finds it from the header and asks a question.
        await using var hqContext = await app.NewContextAsync();
        var hq = await app.SignInAsync(hqContext, DemoCommunity.HqEmail);
        await hq.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "HQ", Exact = true }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex("/hq$"));
        await Expect(hq.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("HQ overview");
        await hq.GetByRole(AriaRole.Link, new() { Name = "Applications", Exact = true }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex("/hq/applications$"));
        var waiting = hq.Locator("main h2:has-text('Waiting for HQ') + table");
        await Expect(waiting.GetByRole(AriaRole.Row).Filter(new() { HasText = "Start a group in Truro" })).ToContainTextAsync(Organiser);
        await hq.CheckPageAsync("41-hq-applications-waiting");

        await waiting.GetByRole(AriaRole.Link, new() { Name = "Start a group in Truro" }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex($"/hq/applications/{applicationId}$"));
        await Expect(hq.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Start a group in Truro");
        await hq.Locator("#Question").FillAsync(Question);
        await hq.GetByRole(AriaRole.Button, new() { Name = "Send the question" }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex($"/hq/applications/{applicationId}$"));
        await Expect(hq.Locator("main")).ToContainTextAsync("Your question is on the application's page, and the applicant has been emailed.");
        await Expect(hq.Locator("main ol.thread")).ToContainTextAsync(Question);
        await hq.CheckPageAsync("42-hq-question-asked");

        // 3. Kerensa reads the question from the email's link and answers it.
        var questionMail = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, organiserEmail, "A question about your application", MailWait);
        Assert.Contains($"Hi {Organiser}", questionMail.TextBody);
        var questionLink = MailBox.LinkIn(questionMail, $"/applications/{applicationId}");
        Assert.Equal(new Uri(app.BaseAddress, $"/applications/{applicationId}"), new Uri(questionLink));
        await organiser.GotoAsync(questionLink);
        await Expect(organiser.Locator("main ol.thread li.from-hq")).ToContainTextAsync(Question);
        await Expect(organiser.Locator("main ol.thread li.from-hq .meta")).ToContainTextAsync("HQ asked");
        await organiser.GetByLabel("Your answer").FillAsync(Answer);
        await organiser.CheckPageAsync("43-application-question-from-hq");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Send to HQ" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex($"/applications/{applicationId}$"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("Thank you: your answer is with HQ.");
        await Expect(organiser.Locator("main ol.thread li.from-applicant")).ToContainTextAsync(Answer);
        await Expect(organiser.Locator("main .tag").First).ToHaveTextAsync("Waiting for HQ to read it");

        // 4. HQ hears of the answer, reads it and approves, keeping the time zone it suggests.
        var answered = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, DemoCommunity.HqEmail, $"{Organiser} answered", MailWait);
        Assert.Equal($"{Organiser} answered: Start a group in Truro", answered.Subject);
        await hq.GotoAsync(MailBox.LinkIn(answered, $"/hq/applications/{applicationId}"));
        await Expect(hq.Locator("main ol.thread li.from-applicant")).ToContainTextAsync(Answer);
        await Expect(hq.GetByLabel("The group's time zone")).ToHaveValueAsync("Europe/London");
        await hq.CheckPageAsync("44-hq-review-answered");
        await hq.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(hq.Locator("main")).ToContainTextAsync("Approved. Truro is launching, with its organiser; set it live from the HQ overview when it's ready.");
        await Expect(hq.Locator("main .tag").First).ToHaveTextAsync("Approved");
        await Expect(hq.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToHaveCountAsync(0);
        await hq.AxeOnlyAsync();

        var welcome = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, organiserEmail, "Welcome: you're starting", MailWait);
        Assert.Equal("Welcome: you're starting Run Talk Run Truro", welcome.Subject);
        var manageLink = MailBox.LinkIn(welcome, "/groups/truro/manage");
        Assert.Equal(new Uri(app.BaseAddress, "/groups/truro/manage"), new Uri(manageLink));

        // Nobody can find a launching group yet.
        Assert.DoesNotContain("truro", await ListedSlugsAsync(organiserContext));

        // 5. Kerensa gets the group ready: a meeting point, then a weekly run.
        await organiser.GotoAsync(manageLink);
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Manage Truro");
        await Expect(organiser.Locator("main")).ToContainTextAsync("Truro is launching: nobody can find it yet.");
        await Expect(organiser.Locator("main")).ToContainTextAsync("The group has no regular runs at the moment.");
        await organiser.CheckPageAsync("45-new-group-launching");

        await organiser.GetByRole(AriaRole.Link, new() { Name = "Add a meeting point" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/groups/truro/meeting-points/new$"));
        await organiser.GetByLabel("Name", new() { Exact = true }).FillAsync("Lemon Quay");
        await organiser.GetByLabel("Address (optional)").FillAsync("Lemon Quay, Truro TR1 2LW");
        await organiser.GetByLabel("Where it is: latitude, longitude").FillAsync("50.2632, -5.0510");
        await organiser.GetByLabel("Toilets").CheckAsync();
        await organiser.GetByLabel("Step-free: no steps to reach it").CheckAsync();
        await organiser.AxeOnlyAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Add the meeting point" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/groups/truro/manage#meeting-points$"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("Lemon Quay is added.");
        var point = organiser.Locator("main ul.cards li.card").Filter(new() { HasText = "Lemon Quay" });
        await Expect(point).ToContainTextAsync("Base"); // the first meeting point is the group's base

        await organiser.GetByRole(AriaRole.Link, new() { Name = "Add a run series" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/groups/truro/series/new$"));
        await organiser.GetByLabel("Name", new() { Exact = true }).FillAsync("Thursday evening run");
        await organiser.GetByLabel("Every week").CheckAsync();
        await organiser.GetByLabel("Day", new() { Exact = true }).SelectOptionAsync("thursday");
        await organiser.GetByLabel("Start time").FillAsync("19:00");
        await Expect(organiser.GetByLabel("Meeting point")).ToHaveValueAsync(new Regex(@"^\d+$"));
        await organiser.GetByLabel("Meeting point").SelectOptionAsync(new SelectOptionValue { Label = "Lemon Quay (base)" });
        await organiser.AxeOnlyAsync();
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Add the series" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/groups/truro/manage#series$"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("\"Thursday evening run\" is set up. The first run is Thursday");
        var series = organiser.Locator("main ul.cards li.card").Filter(new() { Has = organiser.GetByRole(AriaRole.Heading, new() { Name = "Thursday evening run" }) });
        await Expect(series).ToContainTextAsync("Every Thursday at 19:00, from Lemon Quay");
        await Expect(series).ToContainTextAsync("Next run: Thursday");
        await organiser.CheckPageAsync("46-new-group-ready");

        // 6. HQ sets Truro live.
        await hq.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "HQ", Exact = true }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex("/hq$"));
        var launching = hq.Locator("main h2:has-text('Launching') ~ table").First;
        var truroRow = launching.GetByRole(AriaRole.Row).Filter(new() { Has = hq.GetByRole(AriaRole.Link, new() { Name = "Truro", Exact = true }) });
        await Expect(truroRow).ToContainTextAsync("Has a meeting point, runs planned.");
        await hq.CheckPageAsync("47-hq-set-group-live");
        await truroRow.GetByRole(AriaRole.Button, new() { Name = "Set Truro live" }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex("/hq$"));
        await Expect(hq.Locator("main")).ToContainTextAsync("Truro is live: people can find it now. Its organisers have been emailed.");
        await Expect(hq.GetByRole(AriaRole.Button, new() { Name = "Set Truro live" })).ToHaveCountAsync(0);

        Assert.Contains("truro", await ListedSlugsAsync(organiserContext));
        await organiser.GotoAsync("/groups");
        await Expect(organiser.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Truro", Exact = true })).ToHaveCountAsync(1);
        await organiser.AxeOnlyAsync();

        var live = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, organiserEmail, "Truro is live", MailWait);
        Assert.Equal("Truro is live", live.Subject);
        Assert.Equal(new Uri(app.BaseAddress, "/groups/truro"), new Uri(MailBox.LinkIn(live, "/groups/truro")));

        // 7. Jago signs up, applies to lead runs in Truro, and HQ approves.
        await using var leaderContext = await app.NewContextAsync();
        var leader = await JourneySteps.SignUpAsync(leaderContext, leaderEmail, SecondLeader);
        await leader.GotoAsync("/lead/apply");
        await leader.GetByLabel("Lead runs in a group that exists").CheckAsync();
        await leader.GetByLabel("The group (if it exists)").SelectOptionAsync("truro");
        await leader.GetByLabel("Why would you like to lead?").FillAsync("I moved to Truro last year and running is how I've met people.");
        await leader.GetByLabel("Your running", new() { Exact = true }).FillAsync("Twice a week, slowly, with a club before I moved.");
        await leader.GetByLabel("When could you lead?").FillAsync("Most Thursday evenings");
        await leader.GetByLabel("I'll lead by the community guidelines").CheckAsync();
        await leader.GetByLabel("I agree to the leaders' code").CheckAsync();
        await leader.GetByRole(AriaRole.Button, new() { Name = "Send my application" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(applicationUrl);
        var secondApplicationId = int.Parse(applicationUrl.Match(leader.Url).Groups["id"].Value);
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lead runs in Truro");

        await hq.GotoAsync("/hq/applications");
        await hq.Locator("main h2:has-text('Waiting for HQ') + table").GetByRole(AriaRole.Link, new() { Name = "Lead runs in Truro" }).ClickAsync();
        await Expect(hq).ToHaveURLAsync(new Regex($"/hq/applications/{secondApplicationId}$"));
        await Expect(hq.Locator("main")).ToContainTextAsync($"{SecondLeader} becomes a leader of Truro.");
        await hq.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(hq.Locator("main")).ToContainTextAsync("Approved: a new leader for Truro.");

        var leaderWelcome = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, leaderEmail, "Welcome to the leaders of", MailWait);
        Assert.Equal("Welcome to the leaders of Truro", leaderWelcome.Subject);
        await leader.ReloadAsync();
        await Expect(leader.Locator("main")).ToContainTextAsync("Yes! You're a leader of Truro. Thank you.");

        // 8. Kerensa can't lead the first run and asks for cover.
        await organiser.GotoAsync("/groups/truro/manage");
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Who's leading each run" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex("/groups/truro/roster$"));
        await Expect(organiser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Who's leading");
        var runCards = organiser.Locator("main ul.cards > li.card");
        Assert.InRange(await runCards.CountAsync(), 5, 7); // six weeks of a weekly run
        foreach (var card in await runCards.AllAsync())
            await Expect(card).ToContainTextAsync($"Leading: {Organiser}");
        await Expect(organiser.Locator("main")).ToContainTextAsync($"Usually led by {Organiser}.");

        var firstRun = runCards.First;
        var runId = int.Parse(Regex.Match(await firstRun.GetAttributeAsync("id") ?? "", @"^run-(\d+)$").Groups[1].Value);
        await firstRun.GetByText("I can't lead this one").ClickAsync(); // the form folds out
        await firstRun.GetByLabel("Why, if you'd like to say").FillAsync(CoverReason);
        await firstRun.GetByRole(AriaRole.Button, new() { Name = "Ask for cover" }).ClickAsync();
        await Expect(organiser).ToHaveURLAsync(new Regex($"/groups/truro/roster#run-{runId}$"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("You're off it, and the group's other leaders have been asked to cover.");
        var askedRun = organiser.Locator($"#run-{runId}");
        await Expect(askedRun).ToContainTextAsync("Cover wanted");
        await Expect(askedRun).ToContainTextAsync($"{Organiser} can't lead it: \"{CoverReason}\"");
        await Expect(askedRun).ToContainTextAsync("Nobody is leading this run yet");
        await organiser.CheckPageAsync("48-roster-cover-wanted");

        // 9. Jago gets the email and, on his phone, takes the run with one tap.
        var coverMail = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, leaderEmail, "Can you lead?", MailWait);
        Assert.StartsWith("Can you lead? Truro, Thursday", coverMail.Subject);
        Assert.Contains($"Hi {SecondLeader}", coverMail.TextBody);
        Assert.Contains(CoverReason, coverMail.TextBody);
        var coverLink = MailBox.LinkIn(coverMail, $"/runs/{runId}/cover");
        Assert.Equal(new Uri(app.BaseAddress, $"/runs/{runId}/cover"), new Uri(coverLink));

        await using var phone = await app.NewContextAsync(new()
        {
            StorageState = await leaderContext.StorageStateAsync(),
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        });
        var small = await phone.NewPageAsync();
        await small.GotoAsync(coverLink);
        await Expect(small.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Can you lead this run?");
        await Expect(small.Locator("main")).ToContainTextAsync($"{Organiser} can't lead it: \"{CoverReason}\"");
        await Expect(small.Locator("main dl.facts")).ToContainTextAsync("Nobody yet");
        await small.CheckPageAsync("49-cover-on-a-phone");
        await small.GetByRole(AriaRole.Button, new() { Name = "I'll lead it" }).TapAsync();
        await Expect(small).ToHaveURLAsync(new Regex($"/runs/{runId}$"));
        await Expect(small.Locator("main")).ToContainTextAsync("Thank you: you're leading it. We've let them know.");
        await Expect(small.Locator("#leaders")).ToHaveTextAsync(SecondLeader);
        await small.CheckPageAsync("50-run-covered-on-a-phone");

        var covered = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, organiserEmail, "Covered:", MailWait);
        Assert.StartsWith("Covered: Truro, Thursday", covered.Subject);
        Assert.Contains($"{SecondLeader} is leading Truro's Thursday evening run on", covered.TextBody);
        Assert.Equal(new Uri(app.BaseAddress, $"/runs/{runId}"), new Uri(MailBox.LinkIn(covered, $"/runs/{runId}")));

        // The roster shows it: Jago on the first run, Kerensa still on the rest, no cover wanted.
        await organiser.GotoAsync("/groups/truro/roster");
        await Expect(organiser.Locator($"#run-{runId}")).ToContainTextAsync($"Leading: {SecondLeader}");
        await Expect(organiser.Locator($"#run-{runId}")).Not.ToContainTextAsync("Cover wanted");
        await Expect(organiser.Locator("main ul.cards > li.card").Nth(1)).ToContainTextAsync($"Leading: {Organiser}");

        // And a second tap on the email's link (or another leader's) is told kindly that it's taken.
        await small.GotoAsync(coverLink);
        await Expect(small.Locator("main")).ToContainTextAsync("You're leading this run. Thank you!");
        await Expect(small.GetByRole(AriaRole.Button, new() { Name = "I'll lead it" })).ToHaveCountAsync(0);
    }

    /// <summary>The slugs of the groups anyone can find, from the public API.</summary>
    static async Task<List<string>> ListedSlugsAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync("/api/v1/groups");
        Assert.True(response.Ok, $"/api/v1/groups answered {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.EnumerateArray().Select(g => g.GetProperty("slug").GetString() ?? "").ToList();
    }
}
