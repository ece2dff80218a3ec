using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>Reporting, the moderation queue, hiding, muting and removing; every action logged.</summary>
public class ModerationTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";
    static string Organiser => DemoCommunity.LeaderEmail(Slug);

    async Task<(int Room, long Message, string Author, string Reporter)> ReportedAsync(string text)
    {
        var author = await app.NewMemberAsync("Sharp", Slug);
        var reporter = await app.NewMemberAsync("Worried", Slug);
        var room = await app.GroupRoomAsync(Slug);
        var id = await (await app.ApiClientAsync(author)).SendAsync(room, text);
        var reported = await (await app.ApiClientAsync(reporter)).PostAsJsonAsync($"/api/v1/messages/{id}/reports", new { reason = "Unkind to a newcomer" });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        return (room, id, author, reporter);
    }

    static async Task<JsonElement[]> QueueAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement[]>("/api/v1/moderation/queue"))!;

    [Fact]
    public async Task A_report_reaches_the_groups_organisers_and_HQ_moderators_and_nobody_else()
    {
        var (_, id, _, reporter) = await ReportedAsync("You're too slow to come, honestly");
        Assert.Contains(await QueueAsync(await app.ApiClientAsync(Organiser)), e => e.GetProperty("messageId").GetInt64() == id);
        Assert.Contains(await QueueAsync(await app.ApiClientAsync(DemoCommunity.ModeratorEmail)), e => e.GetProperty("messageId").GetInt64() == id
            && e.GetProperty("reports")[0].GetString() == "Unkind to a newcomer");
        Assert.DoesNotContain(await QueueAsync(await app.ApiClientAsync(DemoCommunity.LeaderEmail("brighton"))), e => e.GetProperty("messageId").GetInt64() == id);
        Assert.Empty(await QueueAsync(await app.ApiClientAsync(reporter)));
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.ToAddress == DemoCommunity.ModeratorEmail && m.Subject.StartsWith("A message was reported"))));
        Assert.True(await app.WithDbAsync(db => db.OutboxMails.AnyAsync(m => m.ToAddress == Organiser && m.Subject.StartsWith("A message was reported") && !m.Body.Contains("too slow"))));

        var again = await (await app.ApiClientAsync(reporter)).PostAsJsonAsync($"/api/v1/messages/{id}/reports", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var empty = await (await app.ApiClientAsync(reporter)).PostAsJsonAsync($"/api/v1/messages/{id}/reports", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var tooLong = await (await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug))).PostAsJsonAsync($"/api/v1/messages/{id}/reports", new { reason = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task A_moderator_hides_a_reported_message_the_room_sees_it_hidden_and_the_action_is_logged()
    {
        var (room, id, author, reporter) = await ReportedAsync("Nobody wants you here");
        var memberBrowser = await app.SignedInAsync(reporter);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(reporter)).PostAsJsonAsync($"/api/v1/messages/{id}/hide", new { reason = "" })).StatusCode);
        // Another group's organiser isn't in the room: for them the message is not found, as if there were none.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(DemoCommunity.LeaderEmail("brighton"))).PostAsJsonAsync($"/api/v1/messages/{id}/hide", new { reason = "" })).StatusCode);

        var moderator = await app.SignedInAsync(DemoCommunity.ModeratorEmail);
        var queue = await moderator.GetPageAsync("/talk/moderation");
        Assert.Contains("Unkind to a newcomer", queue.Text($"#q{id}"));
        var hidden = await moderator.PostFormAsync("/talk/moderation", new Dictionary<string, string>(), $"#q{id} form:last-of-type");
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);

        var memberView = await memberBrowser.GetPageAsync($"/talk/{room}");
        Assert.Equal("Hidden by a moderator", memberView.Text($"#m{id} .gone"));
        Assert.DoesNotContain("Nobody wants you here", memberView.Body!.TextContent);
        var moderatorView = await moderator.GetPageAsync($"/talk/{room}");
        Assert.Contains("Nobody wants you here", moderatorView.Text($"#m{id} .hidden-text"));
        Assert.DoesNotContain((await QueueAsync(await app.ApiClientAsync(DemoCommunity.ModeratorEmail))), e => e.GetProperty("messageId").GetInt64() == id);
        var report = await app.WithDbAsync(db => db.MessageReports.SingleAsync(r => r.MessageId == id));
        Assert.Equal("hidden", report.Outcome);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "chat.hide" && a.Subject == $"room:{room}" && a.Detail.StartsWith($"message {id}"))));
        Assert.Contains("hid a message", (await moderator.GetPageAsync("/talk/moderation")).Text(".log"));
        // The author can no longer edit it; the history keeps it.
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ApiClientAsync(author)).PutAsJsonAsync($"/api/v1/messages/{id}", new { text = "sorry" })).StatusCode);
        Assert.Equal("Nobody wants you here", (await app.MessagesAsync(room)).Single(m => m.Id == id).Text);
    }

    [Fact]
    public async Task A_muted_member_reads_but_cannot_write_and_a_removed_member_can_do_neither()
    {
        var member = await app.NewMemberAsync("Loud", Slug);
        var memberId = await app.MemberIdAsync(member);
        var room = await app.GroupRoomAsync(Slug);
        var organiser = await app.ApiClientAsync(Organiser);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{memberId}", new { kind = "banished" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await organiser.PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{memberId}", new { kind = "muted", hours = 0 })).StatusCode);
        var organiserId = await app.MemberIdAsync(Organiser);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ApiClientAsync(DemoCommunity.ModeratorEmail)).PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{organiserId}", new { kind = "muted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(await app.NewMemberAsync(groupSlug: Slug))).PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{memberId}", new { kind = "muted" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{memberId}", new { kind = "muted", hours = 24, reason = "Cooling off" })).StatusCode);
        var api = await app.ApiClientAsync(member);
        var muted = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "let me talk" });
        Assert.Equal(HttpStatusCode.Forbidden, muted.StatusCode);
        Assert.Contains("paused your messages", (await muted.ProblemAsync()).GetProperty("detail").GetString());
        var browser = await app.SignedInAsync(member);
        var page = await browser.GetPageAsync($"/talk/{room}");
        Assert.Null(page.QuerySelector("#send"));
        Assert.Contains("paused your messages here until", page.Text("main .notice"));

        // Removed: out of the room, off the list; lifted: back in.
        var moderator = await app.SignedInAsync(DemoCommunity.ModeratorEmail);
        var removed = await moderator.PostFormAsync($"/talk/{room}/members/{memberId}", new Dictionary<string, string> { ["Action"] = "remove", ["Reason"] = "Repeated unkindness" }, "#moderate");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/rooms/{room}/messages")).StatusCode);
        Assert.DoesNotContain((await api.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!, r => r.Id == room);
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.DeleteAsync($"/api/v1/rooms/{room}/bans/{memberId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "Sorry, everyone" })).StatusCode);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == $"room:{room}" && a.Detail.Contains(memberId)).Select(a => a.Action).ToListAsync());
        Assert.Equal(["chat.mute", "chat.remove", "chat.lift"], actions);

        var noChoice = await moderator.PostFormAsync($"/talk/{room}/members/{memberId}", new Dictionary<string, string> { ["Reason"] = "typed" }, "#moderate");
        var refused = Pages.Parse(await noChoice.Content.ReadAsStringAsync());
        Assert.Contains("Choose what to do", refused.Text(".error-summary"));
        Assert.Equal("typed", refused.QuerySelector("#Reason")!.TextContent);
    }
}
