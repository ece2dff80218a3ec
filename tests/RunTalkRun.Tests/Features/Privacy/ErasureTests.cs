using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Privacy;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>
/// "Delete my account": the member's email, nickname, emergency contact and message texts are nowhere in
/// the database afterwards (every table, and on SQLite the file's bytes); their messages show as "deleted
/// member"; counts stay; their places go to the next person waiting; their other sessions end.
/// </summary>
public class ErasureTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task After_deleting_their_account_nothing_personal_about_the_member_is_left_anywhere_in_the_database()
    {
        var m = await app.FullMemberAsync();
        var past = m.PastRunId;
        var presentBefore = await app.WithDbAsync(db => db.RegisterEntries.CountAsync(e => e.RunId == past && e.Present));
        var api = await app.ApiClientAsync(m.Email);
        var browser = await app.SignedInAsync(m.Email);
        var needles = new[] { m.Email, m.Nickname, m.ContactName, m.ContactPhone, m.MessageText, m.ApplicationText, m.ReportReason };
        Assert.Equal(needles.Length, (await DatabaseSearch.FindAsync(app, needles)).Select(f => f.Split('\'')[1]).Distinct().Count());

        // Wrong password, or no "I understand": nothing happens.
        var page = await browser.GetPageAsync("/account/delete");
        var refused = await browser.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = "not my password", ["Confirm"] = "true" }, "#delete-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = Pages.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("That isn't your password. Nothing has been deleted.", refusedPage.Text(".error-summary"));
        Assert.True(refusedPage.QuerySelector("#Confirm")!.HasAttribute("checked"));
        Assert.Equal("", refusedPage.QuerySelector("#Password")!.GetAttribute("value") ?? "");
        refused = await browser.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = DemoCommunity.Password }, "#delete-form");
        Assert.Contains("Tick the box", Pages.Parse(await refused.Content.ReadAsStringAsync()).Text(".error-summary"));
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == m.Id)));

        var deleted = await browser.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = DemoCommunity.Password, ["Confirm"] = "true" }, "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);

        var found = await DatabaseSearch.FindAsync(app, needles);
        Assert.True(found.Count == 0, "Still in the database:\n" + string.Join("\n", found));

        // The messages stay, by "deleted member", without their words; the run still counts them.
        var message = await app.WithDbAsync(db => db.Messages.SingleAsync(x => x.Id == m.MessageId));
        Assert.Equal(DeletedMember.Id, message.AuthorId);
        Assert.Equal("", message.Text);
        Assert.NotNull(message.DeletedAt);
        Assert.Equal(presentBefore, await app.WithDbAsync(db => db.RegisterEntries.CountAsync(e => e.RunId == past && e.Present)));
        var other = await app.SignedInAsync(await app.NewMemberAsync("Reader", "peterborough"));
        var room = await other.GetPageAsync($"/talk/{m.RoomId}");
        var shown = room.QuerySelector($"#m{m.MessageId}")!.TextContent;
        Assert.Contains("deleted member", shown);
        Assert.Contains("Message deleted", shown);

        // Their sessions are over, on the page and in the API; and the account can't sign in.
        var after = await browser.GetAsync("/account");
        Assert.Contains("/account/sign-in", after.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = m.Email, password = DemoCommunity.Password })).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "account.deleted" && a.Subject == $"member:{m.Id}")));
    }

    [Fact]
    public async Task Deleting_an_account_gives_its_place_on_a_full_run_to_the_next_person_waiting()
    {
        var leaving = await app.NewMemberAsync("Leaving", "peterborough");
        var waiting = await app.NewMemberAsync("Waiting", "peterborough");
        var run = await app.NewRunAsync("peterborough", TimeSpan.FromDays(2), capacity: 1);
        Assert.Equal(HttpStatusCode.Created, (await (await app.ApiClientAsync(leaving)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false })).StatusCode);
        await (await app.ApiClientAsync(waiting)).PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false });
        var waitingId = await app.MemberIdAsync(waiting);
        Assert.Equal(RsvpStatus.Waitlisted, await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id && r.MemberId == waitingId).Select(r => r.Status).SingleAsync()));

        var api = await app.ApiClientAsync(leaving);
        var noPassword = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { }) });
        Assert.Equal(HttpStatusCode.BadRequest, noPassword.StatusCode);
        var wrong = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = "' OR 1=1 --" }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("password", (await wrong.ProblemAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var wrongType = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = 12345 }) });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Rsvps.AnyAsync(r => r.RunId == run.Id && r.Status == RsvpStatus.Going)));

        var gone = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = DemoCommunity.Password }) });
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        Assert.Equal(RsvpStatus.Offered, await app.WithDbAsync(db => db.Rsvps.Where(r => r.RunId == run.Id && r.MemberId == waitingId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task HQs_only_admin_cant_delete_their_account_until_someone_else_is_an_admin()
    {
        var api = await app.ApiClientAsync(DemoCommunity.HqEmail);
        var refused = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = DemoCommunity.Password }) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("only admin", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        var page = await (await app.SignedInAsync(DemoCommunity.HqEmail)).PostFormAsync("/account/delete",
            new Dictionary<string, string> { ["Password"] = DemoCommunity.Password, ["Confirm"] = "true" }, "#delete-form");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("only admin", Pages.Parse(await page.Content.ReadAsStringAsync()).Text(".error-summary"));
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == DemoCommunity.HqEmail)));
    }
}
