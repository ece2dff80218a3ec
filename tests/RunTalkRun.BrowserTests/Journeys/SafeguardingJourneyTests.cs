using NodaTime;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunTalkRun.BrowserTests.Infrastructure;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace RunTalkRun.BrowserTests.Journeys;

/// <summary>
/// Safeguarding, tried as new users would: after last week's run, Peterborough's leader raises a concern on
/// her phone (the form starts with 999; sent empty, it says what to fix). Nobody else who leads can see it:
/// not Brighton's organiser, and not a new Peterborough leader who wasn't on that run. HQ's safeguarding lead
/// is told by email without its words, signs in with the two-step code, reads it, adds a note and moves it to
/// "In progress", then "Closed"; the leader sees each status, never the note. Every kind of page on the way is
/// checked with axe, once.
/// </summary>
public class SafeguardingJourneyTests(MailingApp app) : IClassFixture<MailingApp>
{
    static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);
    const string About = "Morgan";
    const string NewLeader = "Kit";

    [Fact]
    public async Task A_leader_raises_a_concern_only_the_safeguarding_lead_reads_and_handles_it_and_the_leader_sees_the_status_not_the_notes()
    {
        // Words unique to this run, so a page can be searched for them.
        var tag = Guid.NewGuid().ToString("N")[..6];
        var description = $"On the walk back after the run, {About} told me things had got very dark again and that they'd thought about not being here. " +
                          $"They went home with their sister, who knows. I said I'd let HQ know ({tag}).";
        var noteTag = Guid.NewGuid().ToString("N")[..6];
        var note = $"Rang {About}'s sister on Thursday: {About} has seen their GP and has support at home. Will check in next week ({noteTag}).";

        // Setup: the latest Peterborough run that has started, with Jennie, its organiser, on the roster (the demo's, from its series).
        var leaderEmail = DemoCommunity.LeaderEmail("peterborough");
        var run = await app.WithDbAsync(db => db.Runs
            .Where(r => r.Group!.Slug == "peterborough" && r.StartsAt < SystemClock.Instance.GetCurrentInstant() && r.Status != RunStatus.Cancelled
                        && r.Leaders.Any(l => l.Member!.Email == leaderEmail))
            .OrderByDescending(r => r.StartsAt).Select(r => new { r.Id, r.Title }).FirstAsync());

        // 1. Jennie, on her phone after the run, opens its page and finds "Raise a concern".
        await using var leaderPhone = await app.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true,
        });
        var leader = await app.SignInAsync(leaderPhone, leaderEmail);
        await leader.GotoAsync($"/runs/{run.Id}");
        await Expect(leader.Locator("#raise-concern")).ToContainTextAsync("Worried about someone's safety");
        await leader.AxeOnlyAsync("run that has started, as its leader");
        await leader.Locator("#raise-concern").GetByRole(AriaRole.Link, new() { Name = "Raise a concern" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{run.Id}/concern$"));
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Raise a concern");
        // The emergency number comes first, straight under the heading, before anything is asked.
        var dangerNow = leader.Locator("main h1 + #danger-now");
        await Expect(dangerNow).ToHaveCountAsync(1);
        await Expect(dangerNow).ToContainTextAsync(new Regex(@"^\s*If someone is in immediate danger, call 999"));
        await Expect(dangerNow.GetByRole(AriaRole.Link, new() { Name = "999" })).ToHaveAttributeAsync("href", "tel:999");
        await Expect(leader.Locator("main")).ToContainTextAsync(run.Title);

        // 2. Sent empty: the error summary at the top links to each field, and each says what to fix.
        var send = leader.GetByRole(AriaRole.Button, new() { Name = "Send to the safeguarding lead" });
        await send.ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/runs/{run.Id}/concern$"));
        await Expect(leader).ToHaveTitleAsync(new Regex("^Error: Raise a concern"));
        var summary = leader.Locator(".error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        var kindLink = summary.GetByRole(AriaRole.Link, new() { Name = "Choose what the concern is about: someone's safety, an incident or an injury." });
        var descriptionLink = summary.GetByRole(AriaRole.Link, new() { Name = "Describe what happened and why you're concerned." });
        await Expect(kindLink).ToHaveAttributeAsync("href", "#Kind");
        await Expect(descriptionLink).ToHaveAttributeAsync("href", "#Description");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Expect(leader.Locator("#Kind-error")).ToContainTextAsync("Choose what the concern is about");
        await Expect(leader.Locator("#Description-error")).ToContainTextAsync("Describe what happened");
        await Expect(dangerNow).ToBeVisibleAsync();
        await leader.CheckPageAsync("80-raise-concern-errors");
        // The summary's links take you to the field.
        await descriptionLink.ClickAsync();
        await Expect(leader.Locator("#Description")).ToBeFocusedAsync();

        await leader.GetByLabel("Someone's safety").CheckAsync();
        await leader.GetByLabel("Who is it about?").FillAsync(About);
        await leader.GetByLabel("What happened?").FillAsync(description);
        await send.ClickAsync();
        // (The browser keeps the "#Description" the summary's link added across the redirect: harmless.)
        await Expect(leader).ToHaveURLAsync(new Regex("/account/concerns(#Description)?$"));
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Concerns you raised");
        await Expect(leader.Locator("main .notice")).ToContainTextAsync("Thank you for raising this. HQ's safeguarding lead has been told and will look at it soon.");
        var row = leader.Locator("#my-concerns tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        var concernId = int.Parse(Regex.Match(await row.GetAttributeAsync("id") ?? "", @"^concern-(\d+)$").Groups[1].Value);
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = run.Title })).ToHaveAttributeAsync("href", $"/runs/{run.Id}");
        await Expect(row).ToContainTextAsync("Peterborough");
        await Expect(row).ToContainTextAsync("Someone's safety");
        await Expect(row.Locator(".concern-status")).ToHaveTextAsync("New");
        await leader.CheckPageAsync("81-concern-raised");

        // The safeguarding leads are told there is one, with the link, never what it says.
        var told = await MailBox.WaitForMailToAsync(app.Smtp.MailDir, DemoCommunity.SafeguardingEmail, "A leader has raised a concern", MailWait);
        var concernLink = MailBox.LinkIn(told, $"/hq/concerns/{concernId}");
        Assert.Equal(new Uri(app.BaseAddress, $"/hq/concerns/{concernId}"), new Uri(concernLink));
        Assert.DoesNotContain(tag, told.TextBody);
        Assert.DoesNotContain(About, told.TextBody);

        // 3. Kit joins Peterborough and Jennie makes them a leader, on the group's people page: they weren't on last week's run.
        await using var newLeaderContext = await app.NewContextAsync();
        var kit = await JourneySteps.SignUpAsync(newLeaderContext, $"kit.{Guid.NewGuid():N}@example.net", NewLeader);
        await kit.GotoAsync("/groups/peterborough");
        await kit.Locator("#membership").GetByRole(AriaRole.Button, new() { Name = "Join Peterborough" }).ClickAsync();
        await Expect(kit.Locator("main .notice")).ToContainTextAsync("Welcome to Peterborough!");

        await leader.GotoAsync("/groups/peterborough/manage");
        await leader.GetByRole(AriaRole.Link, new() { Name = "People and roles" }).ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex("/groups/peterborough/people$"));
        await leader.GetByLabel($"Role for {NewLeader}").SelectOptionAsync(new SelectOptionValue { Label = "leader" });
        await leader.GetByRole(AriaRole.Button, new() { Name = $"Save {NewLeader}'s role" }).ClickAsync();
        await Expect(leader.Locator("main .notice")).ToContainTextAsync($"{NewLeader} is a leader of Peterborough now.");

        // Kit, a Peterborough leader, can't raise a concern about a run they weren't on, nor see the concerns.
        await kit.GotoAsync($"/runs/{run.Id}");
        await Expect(kit.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(kit.Locator("#raise-concern")).ToHaveCountAsync(0);
        await Expect(kit.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Concerns" })).ToHaveCountAsync(0);
        var refusals = new List<(string Who, string Path, string Said)>();
        async Task RefusedAsync(string who, IPage page, string path) { var (p, said) = await AssertRefusedAsync(page, path, tag); refusals.Add((who, p, said)); }
        await RefusedAsync(NewLeader, kit, $"/runs/{run.Id}/concern");
        await kit.CheckPageAsync("82-concern-refused-another-leader");
        await RefusedAsync(NewLeader, kit, "/hq/concerns");
        await RefusedAsync(NewLeader, kit, $"/hq/concerns/{concernId}");
        await kit.GotoAsync("/account/concerns");
        await Expect(kit.Locator("main")).ToContainTextAsync("You haven't raised any concerns.");
        await Expect(kit.Locator("main")).Not.ToContainTextAsync(tag);

        // Alex, Brighton's organiser, can't either.
        await using var brightonContext = await app.NewContextAsync();
        var alex = await app.SignInAsync(brightonContext, DemoCommunity.LeaderEmail("brighton"));
        await RefusedAsync("Alex (Brighton)", alex, "/hq/concerns");
        await RefusedAsync("Alex (Brighton)", alex, $"/hq/concerns/{concernId}");
        await RefusedAsync("Alex (Brighton)", alex, $"/runs/{run.Id}/concern");

        // 4. HQ's safeguarding lead signs in (with the code from the authenticator app) and opens the list.
        await using var leadContext = await app.NewContextAsync();
        var lead = await app.SignInAsync(leadContext, DemoCommunity.SafeguardingEmail);
        await lead.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Concerns", Exact = true }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex("/hq/concerns$"));
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Concerns");
        var listed = lead.Locator("#open-concerns tbody tr").Filter(new() { Has = lead.Locator($"a[href='/hq/concerns/{concernId}']") });
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync($"{run.Title}, Peterborough");
        await Expect(listed.Locator("td").Nth(3)).ToHaveTextAsync("New");
        await Expect(listed.Locator("td").Nth(4)).ToHaveTextAsync("0");
        await Expect(lead.Locator("main")).Not.ToContainTextAsync(tag); // the list has no descriptions
        await lead.CheckPageAsync("83-hq-concerns");

        await listed.GetByRole(AriaRole.Link, new() { Name = $"Someone's safety (#{concernId})" }).ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex($"/hq/concerns/{concernId}$"));
        Assert.Equal(new Uri(concernLink), new Uri(lead.Url)); // where the email's link goes
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Someone's safety (concern #{concernId})");
        await Expect(lead.Locator("#concern-status")).ToHaveTextAsync("New");
        var facts = lead.Locator("main dl.facts");
        await Expect(facts).ToContainTextAsync($"{run.Title}, Peterborough");
        await Expect(facts).ToContainTextAsync($"Jennie ({leaderEmail})");
        await Expect(facts).ToContainTextAsync(About);
        await Expect(lead.Locator("#concern-description")).ToContainTextAsync(description);
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Notes (0)" })).ToBeVisibleAsync();
        await lead.CheckPageAsync("84-hq-concern");

        // An empty note is refused, the GOV.UK way; then a real one is added.
        var addNote = lead.GetByRole(AriaRole.Button, new() { Name = "Add note" });
        await addNote.ClickAsync();
        await Expect(lead).ToHaveTitleAsync(new Regex($"^Error: Concern #{concernId}"));
        await Expect(lead.Locator(".error-summary").GetByRole(AriaRole.Link, new() { Name = "Write the note before adding it." })).ToHaveAttributeAsync("href", "#Note");
        await Expect(lead.Locator("#Note-error")).ToContainTextAsync("Write the note before adding it.");
        await lead.AxeOnlyAsync("concern, note missing");
        await lead.GetByLabel("Add a note").FillAsync(note);
        await addNote.ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex($"/hq/concerns/{concernId}#notes$"));
        await Expect(lead.Locator("main .notice")).ToContainTextAsync("Note added.");
        await Expect(lead.GetByRole(AriaRole.Heading, new() { Name = "Notes (1)" })).ToBeVisibleAsync();
        await Expect(lead.Locator("main ol.notes > li")).ToHaveCountAsync(1);
        await Expect(lead.Locator("main ol.notes > li")).ToContainTextAsync(note);
        await Expect(lead.Locator("main ol.notes > li .meta")).ToContainTextAsync("Safeguarding");

        var changeStatus = lead.GetByRole(AriaRole.Button, new() { Name = "Change status" });
        await lead.GetByLabel("In progress", new() { Exact = true }).CheckAsync();
        await changeStatus.ClickAsync();
        await Expect(lead).ToHaveURLAsync(new Regex($"/hq/concerns/{concernId}$"));
        await Expect(lead.Locator("main .notice")).ToContainTextAsync("Status: In progress.");
        await Expect(lead.Locator("#concern-status")).ToHaveTextAsync("In progress");
        await Expect(lead.GetByLabel("In progress", new() { Exact = true })).ToBeCheckedAsync();

        // Jennie looks in meanwhile: in progress, and nothing of the note.
        await leader.GotoAsync("/account/concerns");
        await Expect(leader.Locator($"#concern-{concernId} .concern-status")).ToHaveTextAsync("In progress");
        Assert.DoesNotContain(noteTag, await leader.ContentAsync());

        // Later, the lead closes it: it moves to the closed list, with its note counted.
        await lead.GetByLabel("Closed", new() { Exact = true }).CheckAsync();
        await changeStatus.ClickAsync();
        await Expect(lead.Locator("main .notice")).ToContainTextAsync("Status: Closed.");
        await Expect(lead.Locator("#concern-status")).ToHaveTextAsync("Closed");
        await Expect(lead.Locator("main ol.notes > li")).ToContainTextAsync(note);
        await lead.CheckPageAsync("85-hq-concern-closed");
        await lead.GotoAsync("/hq/concerns");
        await Expect(lead.Locator("#open-concerns a[href='/hq/concerns/" + concernId + "']")).ToHaveCountAsync(0);
        var closedRow = lead.Locator("#closed-concerns tbody tr").Filter(new() { Has = lead.Locator($"a[href='/hq/concerns/{concernId}']") });
        await Expect(closedRow.Locator("td").Nth(3)).ToHaveTextAsync("Closed");
        await Expect(closedRow.Locator("td").Nth(4)).ToHaveTextAsync("1");

        // 5. Jennie reloads her list: closed, and the note's words are nowhere on the page.
        await leader.ReloadAsync();
        await Expect(leader.Locator($"#concern-{concernId} .concern-status")).ToHaveTextAsync("Closed");
        var html = await leader.ContentAsync();
        Assert.DoesNotContain(noteTag, html);
        Assert.DoesNotContain("seen their GP", html);
        await leader.CheckPageAsync("86-concern-closed-for-leader");

        // Checked last so the journey above still runs (src/RunTalkRun/Features/Accounts/Refusals.cs): once, every
        // refusal above showed the one access-denied page, "This page is for the group's leaders. Only a group's
        // leaders can see who is coming to its runs or change them." Kit and Alex *are* group leaders, and these pages
        // are about concerns (HQ's safeguarding leads only; a concern about a run you weren't on the roster of), so it
        // tells them something untrue and doesn't say what to do instead (Concerns.NotYourRun has the right words:
        // "tell the leader who was, or write to HQ's safeguarding lead").
        var misleading = refusals.Where(r => r.Said.Contains("This page is for the group's leaders")).ToList();
        Assert.True(misleading.Count == 0, "A group leader refused a concerns page is told it is for the group's leaders:\n" +
            string.Join("\n", misleading.Select(r => $"  {r.Who} at {r.Path}: \"{r.Said.ReplaceLineEndings(" ")}\"")));
    }

    /// <summary>
    /// Opens <paramref name="path"/> and expects the access-denied page, with nothing of the concern on it;
    /// answers what the page said, for the check on its words at the end.
    /// </summary>
    static async Task<(string Path, string Said)> AssertRefusedAsync(IPage page, string path, string tag)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(403, response!.Status); // refused at its own address, saying who the page is for
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync(tag);
        await Expect(page.Locator("#concern-form")).ToHaveCountAsync(0);
        return (path, await page.Locator("main").InnerTextAsync());
    }
}
