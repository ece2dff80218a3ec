using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Safety;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Safety;

/// <summary>
/// A leader raises a concern after a run they led; only HQ's safeguarding leads read it (each read logged),
/// add notes and move it on; the leader sees where it is up to, never the notes.
/// </summary>
public class ConcernTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Hostile = "<script>alert('x')</script>'; DROP TABLE \"Concerns\"; --";

    /// <summary>A leader of the group, alone on the roster of a run that started <paramref name="ago"/> (negative: still to come).</summary>
    async Task<(string Leader, Run Run)> LeaderOfRunAsync(string slug, TimeSpan ago)
    {
        var leader = await app.NewMemberAsync("Leader Lou", slug, GroupRole.Leader);
        var leaderId = await app.MemberIdAsync(leader);
        var run = await app.NewRunAsync(slug, -ago);
        await app.WithDbAsync(async db =>
        {
            db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = leaderId, AddedAt = SystemClock.Instance.GetCurrentInstant() });
            return await db.SaveChangesAsync();
        });
        return (leader, run);
    }

    static Dictionary<string, string> Form(string? kind, string? about, string? description) => new()
    {
        ["Kind"] = kind ?? "", ["About"] = about ?? "", ["Description"] = description ?? "",
    };

    [Fact]
    public async Task A_leader_raises_a_concern_after_their_run_and_the_safeguarding_leads_are_told_without_its_words()
    {
        var (leader, run) = await LeaderOfRunAsync("peterborough", TimeSpan.FromHours(3));
        var browser = await app.SignedInAsync(leader);
        var runPage = await browser.GetPageAsync($"/runs/{run.Id}");
        Assert.Contains($"/runs/{run.Id}/concern", runPage.QuerySelector("#raise-concern a")!.GetAttribute("href"));

        var form = await browser.GetPageAsync($"/runs/{run.Id}/concern");
        // The form starts with the emergency number, before anything else is asked.
        Assert.StartsWith("If someone is in immediate danger, call 999", form.Text("#danger-now"));
        Assert.Equal("tel:999", form.QuerySelector("#danger-now a")!.GetAttribute("href"));

        var description = "Robin said on the way back that they'd stopped taking care of themselves and didn't see the point. " + Hostile;
        var sent = await browser.PostFormAsync($"/runs/{run.Id}/concern", Form("safety", "Robin", description), "#concern-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/concerns", sent.Headers.Location!.OriginalString);

        var concern = await app.WithDbAsync(db => db.Concerns.SingleAsync(c => c.RunId == run.Id));
        Assert.Equal(ConcernKind.Safety, concern.Kind);
        Assert.Equal(ConcernStatus.New, concern.Status);
        Assert.Equal(description, concern.Description);
        Assert.Equal("Robin", concern.About);

        var mine = await browser.GetPageAsync("/account/concerns");
        Assert.Equal("New", mine.Text($"#concern-{concern.Id} .concern-status"));

        var mails = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Key.StartsWith($"concern:{concern.Id}:")).ToListAsync());
        Assert.Contains(mails, m => m.ToAddress == DemoCommunity.SafeguardingEmail);
        Assert.DoesNotContain(mails, m => m.ToAddress == DemoCommunity.HqEmail || m.ToAddress == DemoCommunity.ModeratorEmail);
        Assert.All(mails, m => { Assert.DoesNotContain("Robin", m.Body); Assert.Contains($"/hq/concerns/{concern.Id}", m.Body); });

        // The safeguarding lead reads it as text: the hostile part is shown, inert.
        var lead = await app.SignedInAsync(DemoCommunity.SafeguardingEmail);
        var html = await (await lead.GetAsync($"/hq/concerns/{concern.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.DoesNotContain("<script>alert(", html);
    }

    [Fact]
    public async Task The_form_gives_the_emergency_number_of_the_groups_country()
    {
        var slug = await app.WithDbAsync(db => db.Groups.Where(g => g.Country == "AU" && g.Status == GroupStatus.Active).Select(g => g.Slug).FirstAsync());
        var (leader, run) = await LeaderOfRunAsync(slug, TimeSpan.FromHours(1));
        var form = await (await app.SignedInAsync(leader)).GetPageAsync($"/runs/{run.Id}/concern");
        Assert.StartsWith("If someone is in immediate danger, call 000", form.Text("#danger-now"));
    }

    [Fact]
    public async Task A_concern_with_no_description_or_kind_shows_what_to_fix_keeps_what_was_typed_and_saves_nothing()
    {
        var (leader, run) = await LeaderOfRunAsync("peterborough", TimeSpan.FromHours(2));
        var browser = await app.SignedInAsync(leader);
        var response = await browser.PostFormAsync($"/runs/{run.Id}/concern", Form(null, "Alex <b>", "  "), "#concern-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Error:", page.Title);
        Assert.Contains("Choose what the concern is about", page.Text(".error-summary"));
        Assert.Contains("Describe what happened", page.Text(".error-summary"));
        Assert.Equal("#Kind", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Alex <b>", page.QuerySelector("#About")!.GetAttribute("value"));

        var tooLong = new string('a', Concern.DescriptionMaxLength + 1);
        response = await browser.PostFormAsync($"/runs/{run.Id}/concern", Form("injury", "", tooLong), "#concern-form");
        page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("4,001", page.Text("#Description-error"));
        Assert.Equal(tooLong, page.QuerySelector("#Description")!.TextContent);
        Assert.True(page.QuerySelector("#Kind_injury")!.HasAttribute("checked"));

        var api = await app.ApiClientAsync(leader);
        foreach (var body in new object[] { new { }, new { kind = "bad", description = "x" }, new { kind = 3, description = true }, new { kind = "incident", description = "a\0b" }, new { kind = "incident", about = new string('n', 61), description = "x" } })
        {
            var r = await api.PostAsJsonAsync($"/api/v1/runs/{run.Id}/concerns", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Concerns.CountAsync(c => c.RunId == run.Id)));
    }

    [Fact]
    public async Task Only_the_leaders_on_the_runs_roster_can_raise_a_concern_and_only_once_it_has_started()
    {
        var (leader, run) = await LeaderOfRunAsync("peterborough", TimeSpan.FromHours(5));
        var otherLeader = await app.NewMemberAsync("Not on the roster", "peterborough", GroupRole.Leader);
        var member = await app.NewMemberAsync("Member", "peterborough");
        var body = new { kind = "incident", description = "Someone fell" };
        foreach (var who in new[] { otherLeader, member, DemoCommunity.HqEmail, DemoCommunity.SafeguardingEmail, DemoCommunity.LeaderEmail("brighton") })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(who)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/concerns", body)).StatusCode);
            var page = await (await app.SignedInAsync(who)).GetAsync($"/runs/{run.Id}/concern");
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Concerns are raised by the run's leaders", Pages.Parse(await page.Content.ReadAsStringAsync()).Body!.TextContent);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(leader)).PostAsJsonAsync("/api/v1/runs/999999/concerns", body)).StatusCode);

        var (soonLeader, soon) = await LeaderOfRunAsync("peterborough", -TimeSpan.FromHours(5));
        var notYet = await (await app.ApiClientAsync(soonLeader)).PostAsJsonAsync($"/api/v1/runs/{soon.Id}/concerns", body);
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Contains("once it has started", (await notYet.ProblemAsync()).GetProperty("detail").GetString());
        var form = await (await app.SignedInAsync(soonLeader)).GetPageAsync($"/runs/{soon.Id}/concern");
        Assert.Null(form.QuerySelector("#concern-form"));
        Assert.Contains("once it has started", form.Text("#refusal"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Concerns.CountAsync(c => c.RunId == run.Id || c.RunId == soon.Id)));

        var created = await (await app.ApiClientAsync(leader)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/concerns", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("new", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_safeguarding_leads_read_concerns_every_read_is_logged_and_the_raiser_sees_the_status_not_the_notes()
    {
        var (leader, run) = await LeaderOfRunAsync("peterborough", TimeSpan.FromHours(4));
        var raised = await (await app.ApiClientAsync(leader)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/concerns",
            new { kind = "injury", about = "Jo", description = "Jo twisted an ankle at the far end and walked back with me." });
        var id = await app.WithDbAsync(db => db.Concerns.Where(c => c.RunId == run.Id).Select(c => c.Id).SingleAsync());

        foreach (var who in new[] { leader, DemoCommunity.HqEmail, DemoCommunity.ModeratorEmail, DemoCommunity.LeaderEmail("peterborough") })
        {
            var api = await app.ApiClientAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/hq/concerns/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/hq/concerns")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/hq/concerns/{id}/notes", new { text = "Sneaky" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/v1/hq/concerns/{id}/status", new { status = "closed" })).StatusCode);
            var page = await (await app.SignedInAsync(who)).GetAsync($"/hq/concerns/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Concerns are for HQ's safeguarding leads", Pages.Parse(await page.Content.ReadAsStringAsync()).Body!.TextContent);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Subject == $"concern:{id}")));

        var lead = await app.ApiClientAsync(DemoCommunity.SafeguardingEmail);
        var list = await lead.GetFromJsonAsync<JsonElement[]>("/api/v1/hq/concerns");
        Assert.Contains(list!, c => c.GetProperty("id").GetInt32() == id && c.GetProperty("status").GetString() == "new");
        Assert.False(list!.First(c => c.GetProperty("id").GetInt32() == id).TryGetProperty("description", out _));
        var detail = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/hq/concerns/{id}");
        Assert.Equal("Jo", detail.GetProperty("about").GetString());
        Assert.Equal("Leader Lou", detail.GetProperty("raisedBy").GetString());
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsJsonAsync($"/api/v1/hq/concerns/{id}/notes", new { text = "Called Jo: on the mend, GP seen." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.PutAsJsonAsync($"/api/v1/hq/concerns/{id}/status", new { status = "in-progress" })).StatusCode);
        var browser = await app.SignedInAsync(DemoCommunity.SafeguardingEmail);
        var page2 = await browser.GetPageAsync($"/hq/concerns/{id}");
        Assert.Contains("Called Jo: on the mend", page2.Text(".notes"));
        Assert.Equal("In progress", page2.Text("#concern-status"));
        var closed = await browser.PostFormAsync($"/hq/concerns/{id}", new Dictionary<string, string> { ["Status"] = "closed" }, "#status-form");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        // Two reads (the API's and the page's, once more after the change), each logged with who read it.
        var reads = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == $"concern:{id}" && a.Action == "concern.read").ToListAsync());
        var leadId = await app.MemberIdAsync(DemoCommunity.SafeguardingEmail);
        Assert.True(reads.Count >= 3, $"{reads.Count} reads logged");
        Assert.All(reads, r => Assert.Equal(leadId, r.ActorId));
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == $"concern:{id}").Select(a => a.Action).ToListAsync()), a => a == "concern.status");

        // The raiser: the status, and neither the notes nor any way to them.
        var raiser = await app.SignedInAsync(leader);
        var mine = await raiser.GetAsync("/account/concerns");
        var mineHtml = await mine.Content.ReadAsStringAsync();
        Assert.Contains("Closed", Pages.Parse(mineHtml).Text($"#concern-{id} .concern-status"));
        Assert.DoesNotContain("on the mend", mineHtml);
        var mineApi = await (await app.ApiClientAsync(leader)).GetStringAsync("/api/v1/concerns/mine");
        Assert.Contains("\"status\":\"Closed\"", mineApi);
        Assert.DoesNotContain("on the mend", mineApi);
        Assert.NotNull(await app.WithDbAsync(db => db.Concerns.Where(c => c.Id == id).Select(c => c.ClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_safeguarding_lead_gets_clear_errors_for_an_empty_note_or_an_unknown_status()
    {
        var (leader, run) = await LeaderOfRunAsync("peterborough", TimeSpan.FromHours(6));
        await (await app.ApiClientAsync(leader)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/concerns", new { kind = "incident", description = "A dog chased the group." });
        var id = await app.WithDbAsync(db => db.Concerns.Where(c => c.RunId == run.Id).Select(c => c.Id).SingleAsync());
        var lead = await app.ApiClientAsync(DemoCommunity.SafeguardingEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PostAsJsonAsync($"/api/v1/hq/concerns/{id}/notes", new { text = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PostAsJsonAsync($"/api/v1/hq/concerns/{id}/notes", new { text = new string('x', 4001) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PutAsJsonAsync($"/api/v1/hq/concerns/{id}/status", new { status = "solved" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PutAsJsonAsync("/api/v1/hq/concerns/999999/status", new { status = "closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/api/v1/hq/concerns/999999")).StatusCode);

        var browser = await app.SignedInAsync(DemoCommunity.SafeguardingEmail);
        var response = await browser.PostFormAsync($"/hq/concerns/{id}", new Dictionary<string, string> { ["Note"] = "" }, "#note-form");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Write the note", page.Text(".error-summary"));
        response = await browser.PostFormAsync($"/hq/concerns/{id}", new Dictionary<string, string> { ["Status"] = "'; DELETE FROM \"Concerns\"; --" }, "#status-form");
        Assert.Contains("Choose new, in progress or closed", Pages.Parse(await response.Content.ReadAsStringAsync()).Text(".error-summary"));
        Assert.Equal(ConcernStatus.New, await app.WithDbAsync(db => db.Concerns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ConcernNotes.CountAsync(n => n.ConcernId == id)));
    }
}
