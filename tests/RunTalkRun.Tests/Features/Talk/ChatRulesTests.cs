using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>Editing and deleting your own messages, the flood limit, and who is in each kind of room.</summary>
public class ChatRulesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Authors_edit_their_own_messages_and_delete_them_after_confirming_and_nobody_elses()
    {
        var (author, other) = (await app.NewMemberAsync("Author", "brighton"), await app.NewMemberAsync("Other", "brighton"));
        var room = await app.GroupRoomAsync("brighton");
        var api = await app.ApiClientAsync(author);
        var id = await api.SendAsync(room, "See you at 7");
        var edited = await api.PutAsJsonAsync($"/api/v1/messages/{id}", new { text = "See you at 7:30" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var otherApi = await app.ApiClientAsync(other);
        var theirs = await otherApi.PutAsJsonAsync($"/api/v1/messages/{id}", new { text = "hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, theirs.StatusCode);
        Assert.Contains("your own messages", (await theirs.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await otherApi.DeleteAsync($"/api/v1/messages/{id}")).StatusCode);
        var otherBrowser = await app.SignedInAsync(other);
        var refused = await otherBrowser.GetAsync($"/talk/messages/{id}/edit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only the person who wrote a message can change it", Pages.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAsJsonAsync($"/api/v1/messages/{id}", new { text = "" })).StatusCode);

        var browser = await app.SignedInAsync(author);
        var shown = await browser.GetPageAsync($"/talk/{room}");
        Assert.Contains("(edited)", shown.QuerySelector($"#m{id} .meta")!.TextContent);
        Assert.Equal("See you at 7:30", shown.Text($"#m{id} .body"));

        // The first tap only asks, saying what will happen; nothing changes until the confirmed post.
        var asked = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string>(), $"#m{id} form");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = Pages.Parse(await asked.Content.ReadAsStringAsync()).QuerySelector("#confirm-delete")!;
        Assert.Contains("See you at 7:30", confirm.TextContent);
        Assert.Contains("everyone in the room sees \"Message deleted\"", confirm.TextContent);
        Assert.Equal("yes", confirm.QuerySelector("input[name=confirm]")!.GetAttribute("value"));
        Assert.Equal("See you at 7:30", (await app.MessagesAsync(room)).Single(m => m.Id == id).Text);

        var deleted = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["confirm"] = "yes" }, $"#m{id} form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var message = (await app.MessagesAsync(room)).Single(m => m.Id == id);
        Assert.Equal("", message.Text);
        Assert.NotNull(message.DeletedAt);
        Assert.Equal("Message deleted", (await browser.GetPageAsync($"/talk/{room}")).Text($"#m{id} .gone"));
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsJsonAsync($"/api/v1/messages/{id}", new { text = "back" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync("/api/v1/messages/99999999", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_flood_is_refused_past_the_limit_with_a_clear_message_and_nothing_is_lost()
    {
        var email = await app.NewMemberAsync("Quick", "brighton");
        var room = await app.GroupRoomAsync("brighton");
        var api = await app.ApiClientAsync(email);
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 15; i++)
            statuses.Add((await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = $"flood {i}" })).StatusCode);
        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var refused = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "one more" });
        Assert.Contains("Wait a moment", (await refused.ProblemAsync()).GetProperty("detail").GetString());
        var mine = (await app.MessagesAsync(room)).Where(m => m.Text.StartsWith("flood ")).Select(m => m.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"flood {i}"), mine);

        // On the page, the refused message stays in the box.
        var browser = await app.SignedInAsync(email);
        var page = Pages.Parse(await (await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["Text"] = "still here" }, "#send")).Content.ReadAsStringAsync());
        Assert.Contains("Wait a moment", page.Text("#send .field-error"));
        Assert.Equal("still here", page.QuerySelector("#Text")!.TextContent);
    }

    [Fact]
    public async Task A_runs_thread_is_for_the_group_and_anyone_coming_and_nobody_else()
    {
        var run = await app.NextRunAsync("peterborough");
        var visitor = await app.NewMemberAsync("Visitor", "brighton");
        var stranger = await app.NewMemberAsync("Stranger", "brighton");
        var member = await app.NewMemberAsync("Local", "peterborough");
        await app.RsvpAsync(run.Id, visitor, TimeSpan.FromMinutes(5));
        var visitorApi = await app.ApiClientAsync(visitor);
        var rooms = await visitorApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms");
        var thread = rooms!.Single(r => r.Kind == "run");
        Assert.StartsWith("Peterborough: ", thread.Name);
        await visitorApi.SendAsync(thread.Id, "Running late, where are you?");
        var memberBrowser = await app.SignedInAsync(member);
        Assert.Contains("Running late, where are you?", await memberBrowser.ShownAsync(thread.Id));
        Assert.Equal($"/talk/{thread.Id}", (await memberBrowser.GetPageAsync($"/runs/{run.Id}")).QuerySelector("#run-thread")!.GetAttribute("href"));
        Assert.Null((await (await app.SignedInAsync(stranger)).GetPageAsync($"/runs/{run.Id}")).QuerySelector("#run-thread"));
        Assert.Null((await app.Browser().GetPageAsync($"/runs/{run.Id}")).QuerySelector("#run-thread"));
        var strangerApi = await app.ApiClientAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.GetAsync($"/api/v1/rooms/{thread.Id}/messages")).StatusCode); // as if there were no such room
        Assert.DoesNotContain((await strangerApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!, r => r.Id == thread.Id);
    }

    [Fact]
    public async Task The_leaders_room_is_for_leaders_and_HQ_and_country_rooms_for_everyone_signed_in()
    {
        var leader = await app.NewMemberAsync("Lead", "brighton", GroupRole.Leader);
        var member = await app.NewMemberAsync("Member", "brighton");
        var nobody = await app.NewMemberAsync("Newcomer");
        var leaderRooms = (await (await app.ApiClientAsync(leader)).GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!;
        var leaders = leaderRooms.Single(r => r.Kind == "leaders");
        var memberApi = await app.ApiClientAsync(member);
        Assert.DoesNotContain((await memberApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!, r => r.Kind == "leaders");
        Assert.Equal(HttpStatusCode.NotFound, (await memberApi.PostAsJsonAsync($"/api/v1/rooms/{leaders.Id}/messages", new { text = "hi" })).StatusCode); // as if there were no such room
        var hq = await app.ApiClientAsync(DemoCommunity.HqEmail);
        await hq.SendAsync(leaders.Id, "Thank you all for this week");

        var newcomerRooms = (await (await app.ApiClientAsync(nobody)).GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!;
        Assert.Equal(["country"], newcomerRooms.Select(r => r.Kind).Distinct());
        Assert.Contains(newcomerRooms, r => r.Name == "United Kingdom community");
        Assert.Contains(newcomerRooms, r => r.Name == "Australia community");
        var uk = newcomerRooms.Single(r => r.Name == "United Kingdom community");
        await (await app.ApiClientAsync(nobody)).SendAsync(uk.Id, "Hello from a newcomer");
        // The member of a UK group sees the UK room first among the country rooms.
        Assert.Equal("United Kingdom community", (await memberApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!.First(r => r.Kind == "country").Name);
    }
}
