using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class RegisterTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";
    static string Leader => DemoCommunity.LeaderEmail(Slug);

    async Task<(Run Run, string Email)> RunStartingSoonWithAMemberAsync(string nickname = "Ticked", TimeSpan? startsIn = null)
    {
        var run = await app.NewRunAsync(Slug, startsIn ?? TimeSpan.FromMinutes(10));
        var email = await app.NewMemberAsync(nickname);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.EmergencyContactName, "Sam (sister)").SetProperty(u => u.EmergencyContactPhone, "+447911123456")));
        await app.RsvpAsync(run.Id, email, TimeSpan.FromDays(1), firstTime: true);
        return (run, email);
    }

    static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_register_is_not_open_days_before_the_run_and_says_when_it_opens()
    {
        var run = await app.NewRunAsync(Slug, TimeSpan.FromDays(3));
        var api = await app.ApiClientAsync(Leader);
        var response = await api.GetAsync($"/api/v1/runs/{run.Id}/register");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("opens 30 minutes before the run starts", (await response.ProblemAsync()).GetProperty("detail").GetString());

        var page = await (await app.SignedInAsync(Leader)).GetPageAsync($"/runs/{run.Id}/register");
        Assert.Contains("opens 30 minutes before the run starts", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form[action*=Ticks], input[name=Present]"));
    }

    [Fact]
    public async Task Only_the_runs_own_leaders_see_the_register_and_emergency_contacts()
    {
        var (run, _) = await RunStartingSoonWithAMemberAsync();
        var otherLeader = await app.ApiClientAsync(DemoCommunity.LeaderEmail("brisbane"));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherLeader.GetAsync($"/api/v1/runs/{run.Id}/register")).StatusCode);
        var member = await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/v1/runs/{run.Id}/register")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherLeader.PutAsync($"/api/v1/runs/{run.Id}/register", Json("""{"startHeadcount": 3}"""))).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Runs.Where(r => r.Id == run.Id).Select(r => r.StartHeadcount).SingleAsync()));

        var leader = await app.ApiClientAsync(Leader);
        var view = await (await leader.GetAsync($"/api/v1/runs/{run.Id}/register")).Content.ReadFromJsonAsync<JsonElement>();
        var line = view.GetProperty("lines")[0];
        Assert.Equal("Ticked", line.GetProperty("name").GetString());
        Assert.Equal("+447911123456", line.GetProperty("emergencyContactPhone").GetString());
        // Every read of the register is in the audit log.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "read-register" && a.Subject == $"run:{run.Id}")));
        // The who's-coming page never shows emergency contacts.
        var whos = await (await app.SignedInAsync(Leader)).GetPageAsync($"/runs/{run.Id}/whos-coming");
        Assert.DoesNotContain("7911", whos.Body!.TextContent);
    }

    [Fact]
    public async Task Emergency_contacts_show_on_the_runs_own_day_only()
    {
        var group = await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Slug == Slug));
        var run = new Run { StartsAt = Instant.FromUtc(2026, 12, 3, 19, 0) }; // 19:00 in London
        Assert.True(RunRegister.EmergencyContactsShown(run, group, Instant.FromUtc(2026, 12, 3, 18, 40)));
        Assert.True(RunRegister.EmergencyContactsShown(run, group, Instant.FromUtc(2026, 12, 3, 23, 59)));
        Assert.False(RunRegister.EmergencyContactsShown(run, group, Instant.FromUtc(2026, 12, 4, 0, 1)));
        Assert.False(RunRegister.EmergencyContactsShown(run, group, Instant.FromUtc(2026, 12, 2, 19, 0)));
    }

    [Fact]
    public async Task On_a_phone_the_leader_ticks_adds_walk_ins_and_counts_everyone_out_and_back()
    {
        var (run, _) = await RunStartingSoonWithAMemberAsync();
        var browser = await app.SignedInAsync(Leader);
        var page = await browser.GetPageAsync($"/runs/{run.Id}/register");
        var rsvpId = page.QuerySelector("input[name=Present]")!.GetAttribute("value")!;
        Assert.Contains("+44 7911 123456", page.Body!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["Present"] = rsvpId }, action: $"/runs/{run.Id}/register?handler=Ticks")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["WalkIn.Name"] = "<script>alert('x')</script>", ["WalkIn.FirstTime"] = "true" }, action: $"/runs/{run.Id}/register?handler=WalkIn")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["WalkInCount"] = "2" }, action: $"/runs/{run.Id}/register?handler=WalkInCount")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["Headcount.Start"] = "5" }, action: $"/runs/{run.Id}/register?handler=Headcount")).StatusCode);

        // More back than set off: refused, with the typed number kept.
        var tooMany = await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["Headcount.End"] = "6" }, action: $"/runs/{run.Id}/register?handler=Headcount");
        var tooManyPage = Pages.Parse(await tooMany.Content.ReadAsStringAsync());
        Assert.Contains("can't be more than the 5 who set off", tooManyPage.QuerySelector("#Headcount_End-error")!.TextContent);
        Assert.Equal("6", tooManyPage.QuerySelector("#Headcount_End")!.GetAttribute("value"));
        Assert.Equal("2", tooManyPage.QuerySelector("#WalkInCount")!.GetAttribute("value")); // the other forms still show what is saved
        Assert.Null(await app.WithDbAsync(db => db.Runs.Where(r => r.Id == run.Id).Select(r => r.EndHeadcount).SingleAsync()));

        // Fewer back: the page says what to do.
        await browser.PostFormAsync($"/runs/{run.Id}/register", new Dictionary<string, string> { ["Headcount.End"] = "4" }, action: $"/runs/{run.Id}/register?handler=Headcount");
        var after = await browser.GetPageAsync($"/runs/{run.Id}/register");
        Assert.Contains("1 person is not back yet", after.QuerySelector("#missing")!.TextContent);
        Assert.Contains("call 999", after.QuerySelector("#missing")!.TextContent);
        Assert.Contains("On the register: 4, 2 first-timers", after.QuerySelector("#register-total")!.TextContent);
        Assert.NotNull(after.QuerySelector($"input[name=Present][value='{rsvpId}'][checked]"));
        Assert.Contains("<script>alert('x')</script>", after.Body!.TextContent); // shown as text...
        Assert.Empty(after.QuerySelectorAll("main script, .content script")); // ...never run
    }

    [Fact]
    public async Task Bad_register_changes_through_the_api_are_refused_whole()
    {
        var (run, _) = await RunStartingSoonWithAMemberAsync();
        var api = await app.ApiClientAsync(Leader);
        var url = $"/api/v1/runs/{run.Id}/register";
        foreach (var (body, field) in new[]
        {
            ("""{"startHeadcount": 4, "present": [999999]}""", "present"),
            ("""{"startHeadcount": "four"}""", "startHeadcount"),
            ("""{"startHeadcount": -1}""", "startHeadcount"),
            ("""{"startHeadcount": 100000}""", "startHeadcount"),
            ("""{"endHeadcount": 3}""", "endHeadcount"),
            ("""{"startHeadcount": 3, "endHeadcount": 4}""", "endHeadcount"),
            ("""{"present": "everyone"}""", "present"),
            ("""{"pace": "5:30"}""", "pace"),
            ("[]", "body"),
        })
        {
            var response = await api.PutAsync(url, Json(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode}");
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), body);
        }
        Assert.Null(await app.WithDbAsync(db => db.Runs.Where(r => r.Id == run.Id).Select(r => r.StartHeadcount).SingleAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"{url}/walk-ins", Json($$"""{"name": "{{new string('x', 41)}}"}"""))).StatusCode);

        var ok = await api.PutAsync(url, Json("""{"startHeadcount": 3, "endHeadcount": 3, "walkInCount": 1}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var view = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, view.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("missing").ValueKind);
    }

    [Fact]
    public async Task After_thirty_days_a_register_is_reduced_to_counts_and_the_names_go()
    {
        var (run, email) = await RunStartingSoonWithAMemberAsync("Old", startsIn: TimeSpan.FromDays(-31));
        await app.WithDbAsync(async db =>
        {
            var memberId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.RegisterEntries.Add(new RegisterEntry { RunId = run.Id, MemberId = memberId, FirstTime = true, Present = true });
            db.RegisterEntries.Add(new RegisterEntry { RunId = run.Id, Name = "Walk-in Wendy", Present = true });
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.WalkInCount, 3).SetProperty(r => r.StartHeadcount, 6));
            return await db.SaveChangesAsync();
        });

        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();

        var reduced = await app.WithDbAsync(db => db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(5, reduced.RegisterTotal);
        Assert.Equal(1, reduced.RegisterFirstTimers);
        Assert.NotNull(reduced.RegisterReducedAt);
        Assert.False(await app.WithDbAsync(db => db.RegisterEntries.AnyAsync(e => e.RunId == run.Id)));
        Assert.False(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id)));
        // A recent run keeps its register.
        var (recent, _) = await RunStartingSoonWithAMemberAsync("Recent", startsIn: TimeSpan.FromDays(-29));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync();
        Assert.True(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == recent.Id)));
    }
}
