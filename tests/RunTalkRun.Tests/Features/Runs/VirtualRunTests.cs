using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

/// <summary>
/// A virtual run: everyone runs wherever they are, then talks online. Its online address is https only,
/// seen by the people going from a set time before the start and by the group's leaders; its page leaves out
/// what only fits a meeting point, and its register is attendance only.
/// </summary>
public class VirtualRunTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "brighton";
    const string Address = "https://meet.example.org/run-talk-run-brighton";

    Task<Run> NewVirtualRunAsync(TimeSpan startsIn, string? address = null) => app.WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Slug == Slug);
        // Whole seconds: PostgreSQL keeps microseconds, the clock has ticks, and the test compares what it wrote with what comes back.
        var startsAt = Instant.FromUnixTimeSeconds(app.Clock.GetCurrentInstant().Plus(Duration.FromTimeSpan(startsIn)).ToUnixTimeSeconds());
        var run = new Run
        {
            GroupId = group.Id, Title = $"{group.Name} virtual test run", IsVirtual = true, StartsAt = startsAt,
            TalkOnlineAt = startsAt.Plus(Duration.FromMinutes(45)), OnlineAddress = address,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        run.Group = group;
        return run;
    });

    Task<string?> StoredAddressAsync(int runId) => app.WithDbAsync(db => db.Runs.Where(r => r.Id == runId).Select(r => r.OnlineAddress).SingleAsync());

    static HttpRequestMessage Patch(int id, string json) =>
        new(HttpMethod.Patch, $"/api/v1/runs/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    async Task<Dictionary<string, string>> ChangeFormAsync(HttpClient leader, int runId, string address)
    {
        var page = await leader.GetPageAsync($"/runs/{runId}/manage");
        return new()
        {
            ["Input.Date"] = page.QuerySelector("#Input_Date")!.GetAttribute("value")!,
            ["Input.Time"] = page.QuerySelector("#Input_Time")!.GetAttribute("value")!,
            ["Input.Capacity"] = "", ["Input.OnlineAddress"] = address,
        };
    }

    public static TheoryData<string> Hostile => new()
    {
        "http://meet.example.org/run",
        "javascript:alert(1)",
        "<script>alert('x')</script>",
        "https://meet.example.org/a b",
        "https://someone:secret@meet.example.org/run",
        "ftp://meet.example.org/run",
        "https://127.0.0.1/run",
        "meet.example.org/run",
        "https://meet.example.org/\"><img src=x onerror=alert(1)>",
        "https://meet.example.org/" + new string('a', 600),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task An_online_address_that_is_not_a_plain_https_address_is_refused_on_the_manage_page_and_kept_as_typed(string typed)
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(3), Address);
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", await ChangeFormAsync(leader, run.Id, typed), formSelector: "form[action*='Change']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("#Input_OnlineAddress", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(page.Text("#Input_OnlineAddress-error")));
        Assert.Equal(typed, page.QuerySelector("#Input_OnlineAddress")!.GetAttribute("value"));
        Assert.Equal(Address, await StoredAddressAsync(run.Id));
    }

    [Fact]
    public async Task A_leader_gives_and_clears_the_online_address_on_the_manage_page()
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(3));
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug));
        var response = await leader.PostFormAsync($"/runs/{run.Id}/manage", await ChangeFormAsync(leader, run.Id, "  " + Address + " "), formSelector: "form[action*='Change']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Address, await StoredAddressAsync(run.Id));
        Assert.Equal(Address, (await leader.GetPageAsync($"/runs/{run.Id}/manage")).QuerySelector("#Input_OnlineAddress")!.GetAttribute("value"));

        await leader.PostFormAsync($"/runs/{run.Id}/manage", await ChangeFormAsync(leader, run.Id, ""), formSelector: "form[action*='Change']");
        Assert.Null(await StoredAddressAsync(run.Id));

        // An in-person run's manage page has no such field.
        var inPerson = await app.NextRunAsync(Slug);
        Assert.Null((await leader.GetPageAsync($"/runs/{inPerson.Id}/manage")).QuerySelector("#Input_OnlineAddress"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_api_refuses_an_online_address_that_is_not_a_plain_https_address(string typed)
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(3), Address);
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));
        var response = await api.SendAsync(Patch(run.Id, JsonSerializer.Serialize(new { onlineAddress = typed })));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("onlineAddress", out _));
        Assert.Equal(Address, await StoredAddressAsync(run.Id));
    }

    [Fact]
    public async Task The_api_sets_and_clears_the_online_address_and_refuses_one_for_an_in_person_run()
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(3));
        var api = await app.ApiClientAsync(DemoCommunity.LeaderEmail(Slug));
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Patch(run.Id, $$"""{"onlineAddress":"{{Address}}"}"""))).StatusCode);
        Assert.Equal(Address, await StoredAddressAsync(run.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.SendAsync(Patch(run.Id, """{"onlineAddress":42}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Patch(run.Id, """{"onlineAddress":null}"""))).StatusCode);
        Assert.Null(await StoredAddressAsync(run.Id));

        var inPerson = await app.NextRunAsync(Slug, skip: 2);
        var refused = await api.SendAsync(Patch(inPerson.Id, $$"""{"onlineAddress":"{{Address}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("in person", (await refused.ProblemAsync()).GetProperty("errors").GetProperty("onlineAddress")[0].GetString());

        // Someone who doesn't lead the group can't set it.
        var member = await app.ApiClientAsync(await app.NewMemberAsync("Not a leader", Slug));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.SendAsync(Patch(run.Id, $$"""{"onlineAddress":"{{Address}}"}"""))).StatusCode);
    }

    async Task<string> MemberWithRsvpAsync(int runId, RsvpStatus status)
    {
        var email = await app.NewMemberAsync("Virtual runner", Slug);
        var memberId = await app.MemberIdAsync(email);
        await app.WithDbAsync(async db =>
        {
            db.Rsvps.Add(new Rsvp { RunId = runId, MemberId = memberId, Status = status, CreatedAt = app.Clock.GetCurrentInstant() - Duration.FromHours(1) });
            return await db.SaveChangesAsync();
        });
        return email;
    }

    static bool ShowsAddress(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector($"a[href='{Address}']") is not null || page.Body!.InnerHtml.Contains(Address);

    [Fact]
    public async Task The_online_address_is_shown_only_to_people_going_from_the_set_time_before_the_start_and_to_leaders()
    {
        var later = await NewVirtualRunAsync(TimeSpan.FromHours(2), Address);  // the window opens 30 minutes before: not yet
        var soon = await NewVirtualRunAsync(TimeSpan.FromMinutes(20), Address); // within the window

        foreach (var run in new[] { later, soon })
        {
            Assert.False(ShowsAddress(await app.Browser().GetPageAsync($"/runs/{run.Id}")), "anonymous");
            Assert.False(ShowsAddress(await (await app.SignedInAsync(await app.NewMemberAsync("Stranger"))).GetPageAsync($"/runs/{run.Id}")), "a stranger");
            Assert.False(ShowsAddress(await (await app.SignedInAsync(await app.NewMemberAsync("Member", Slug))).GetPageAsync($"/runs/{run.Id}")), "a group member not coming");
            var waiting = await MemberWithRsvpAsync(run.Id, RsvpStatus.Waitlisted);
            Assert.False(ShowsAddress(await (await app.SignedInAsync(waiting)).GetPageAsync($"/runs/{run.Id}")), "waitlisted");
            var waitingRsvp = await (await app.ApiClientAsync(waiting)).GetFromJsonAsync<JsonElement>($"/api/v1/runs/{run.Id}/rsvp");
            Assert.Equal(JsonValueKind.Null, waitingRsvp.GetProperty("onlineAddress").ValueKind);
            Assert.True(ShowsAddress(await (await app.SignedInAsync(DemoCommunity.LeaderEmail(Slug))).GetPageAsync($"/runs/{run.Id}")), "the group's leader");
        }

        var goingLater = await MemberWithRsvpAsync(later.Id, RsvpStatus.Going);
        var page = await (await app.SignedInAsync(goingLater)).GetPageAsync($"/runs/{later.Id}");
        Assert.False(ShowsAddress(page), "going, before the window");
        Assert.Contains("appears here at", page.Text("#online-address"));
        var rsvp = await (await app.ApiClientAsync(goingLater)).GetFromJsonAsync<JsonElement>($"/api/v1/runs/{later.Id}/rsvp");
        Assert.Equal(JsonValueKind.Null, rsvp.GetProperty("onlineAddress").ValueKind);
        Assert.Equal((later.StartsAt - Duration.FromMinutes(30)).ToDateTimeOffset(), rsvp.GetProperty("onlineAddressShownFrom").GetDateTimeOffset());

        var goingSoon = await MemberWithRsvpAsync(soon.Id, RsvpStatus.Going);
        page = await (await app.SignedInAsync(goingSoon)).GetPageAsync($"/runs/{soon.Id}");
        Assert.NotNull(page.QuerySelector($"#online-address a[href='{Address}']"));
        rsvp = await (await app.ApiClientAsync(goingSoon)).GetFromJsonAsync<JsonElement>($"/api/v1/runs/{soon.Id}/rsvp");
        Assert.Equal(Address, rsvp.GetProperty("onlineAddress").GetString());
    }

    static readonly string[] MeetingPointOnly = ["Look for the leader", "counts everyone back in", "can't find the group"];

    [Fact]
    public async Task A_virtual_run_page_leaves_out_what_only_fits_a_meeting_point_and_an_in_person_one_keeps_it()
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(2), Address);
        var inPerson = await app.NewRunAsync(Slug, TimeSpan.FromDays(2));
        var email = await app.NewMemberAsync("Thread reader", Slug); // a group member sees the run's thread link
        var browser = await app.SignedInAsync(email);

        var text = (await browser.GetPageAsync($"/runs/{run.Id}")).Body!.TextContent;
        Assert.All(MeetingPointOnly, phrase => Assert.DoesNotContain(phrase, text));
        Assert.Contains("online talk", text);
        Assert.Contains("Wherever you are", text);

        var inPersonText = (await browser.GetPageAsync($"/runs/{inPerson.Id}")).Body!.TextContent;
        Assert.All(MeetingPointOnly, phrase => Assert.Contains(phrase, inPersonText));
        Assert.DoesNotContain("online talk", inPersonText);
    }

    [Fact]
    public async Task A_virtual_runs_register_is_attendance_only()
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromMinutes(10), Address); // the register is open
        var going = await MemberWithRsvpAsync(run.Id, RsvpStatus.Going);
        var leaderEmail = DemoCommunity.LeaderEmail(Slug);

        var page = await (await app.SignedInAsync(leaderEmail)).GetPageAsync($"/runs/{run.Id}/register");
        Assert.Null(page.QuerySelector("#Headcount_Start"));
        Assert.Null(page.QuerySelector("form[action*='Headcount']"));
        Assert.DoesNotContain("Set off", page.Text("#register-total"));
        Assert.Contains("Virtual runner", page.Body!.TextContent);

        var api = await app.ApiClientAsync(leaderEmail);
        var refused = await api.PutAsJsonAsync($"/api/v1/runs/{run.Id}/register", new { startHeadcount = 4 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no headcount", (await refused.ProblemAsync()).GetProperty("errors").GetProperty("startHeadcount")[0].GetString());

        var rsvpId = await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id && r.Member!.Email == going).Select(r => r.Id).SingleAsync());
        var ticked = await api.PutAsJsonAsync($"/api/v1/runs/{run.Id}/register", new { present = new[] { rsvpId } });
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        Assert.Equal(1, (await ticked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_virtual_runs_reminder_points_to_the_run_page_for_the_link_and_never_carries_the_address()
    {
        var run = await NewVirtualRunAsync(TimeSpan.FromDays(1), Address);
        var member = new RunTalkRun.Features.Accounts.Member { Nickname = "Reminded" };
        var links = app.Services.GetRequiredService<RunTalkRun.Features.Shared.SiteLinks>();
        var (_, body) = RunNews.Reminder(run, run.Group!, member, dayBefore: true, links);
        Assert.Contains("link to the online talk is on the run's page", body);
        Assert.DoesNotContain(Address, body); // a mail is forwarded and kept: the address stays behind the page's window
    }
}
