using NodaTime;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>Rooms, joining a group, sending and reading messages through the page and the API.</summary>
public class ChatTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Joining_a_group_puts_a_member_in_its_room_and_leaving_takes_them_out()
    {
        var email = await app.NewMemberAsync("Robin");
        var browser = await app.SignedInAsync(email);
        var group = await browser.GetPageAsync("/groups/peterborough");
        Assert.Contains("Join Peterborough", group.Text("#membership"));
        var joined = await browser.PostFormAsync("/groups/peterborough", new Dictionary<string, string>(), "#membership form");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var room = await app.GroupRoomAsync("peterborough");
        var talk = await browser.GetPageAsync("/talk");
        Assert.Contains(talk.QuerySelectorAll(".rooms a"), a => a.GetAttribute("href") == $"/talk/{room}" && a.TextContent == "Peterborough");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/talk/{room}")).StatusCode);

        var left = await browser.PostFormAsync("/groups/peterborough", new Dictionary<string, string>(), "#membership form");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        // Out of the room, it is not found for them, as for anyone outside it.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/talk/{room}")).StatusCode);
    }

    [Fact]
    public async Task A_leader_cannot_leave_without_an_organiser_changing_their_role_and_a_launching_group_cannot_be_joined()
    {
        var leader = await app.NewMemberAsync("Ash", "peterborough", GroupRole.Leader);
        var api = await app.ApiClientAsync(leader);
        var leave = await api.DeleteAsync("/api/v1/groups/peterborough/membership");
        Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
        Assert.Contains("Ask an organiser", (await leave.ProblemAsync()).GetProperty("detail").GetString());
        await app.WithDbAsync(db => db.Groups.Where(g => g.Slug == "brighton").ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GroupStatus.Launching)));
        try
        {
            var join = await api.PostAsync("/api/v1/groups/brighton/membership", null);
            Assert.Equal(HttpStatusCode.Conflict, join.StatusCode);
        }
        finally
        {
            await app.WithDbAsync(db => db.Groups.Where(g => g.Slug == "brighton").ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GroupStatus.Active)));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/groups/nowhere/membership", null)).StatusCode);
    }

    [Fact]
    public async Task A_message_sent_with_the_plain_form_appears_with_links_as_links_and_markup_inert()
    {
        var email = await app.NewMemberAsync("Kit", "peterborough");
        var browser = await app.SignedInAsync(email);
        var room = await app.GroupRoomAsync("peterborough");
        const string hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> '; DROP TABLE \"Messages\"; -- see https://example.org/route?a=1&b=2. and javascript:alert(3)";
        var sent = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["Text"] = hostile }, "#send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await browser.GetPageAsync($"/talk/{room}");
        var mine = page.QuerySelectorAll("#messages li.mine").Last();
        var body = mine.QuerySelector(".body")!;
        Assert.Equal(hostile, body.TextContent);
        Assert.Empty(page.QuerySelectorAll("#messages script, #messages img"));
        var links = body.QuerySelectorAll("a").ToList();
        Assert.Single(links);
        Assert.Equal("https://example.org/route?a=1&b=2", links[0].GetAttribute("href"));
        Assert.Contains("nofollow", links[0].GetAttribute("rel"));
        Assert.Equal(hostile, (await app.MessagesAsync(room)).Last().Text);
    }

    [Theory]
    [InlineData("", "Write a message")]
    [InlineData("   \n  ", "Write a message")]
    [InlineData("binary\u0007\u0001data", "characters that can't be shown")]
    [InlineData("broken \ud800 surrogate", "characters that can't be shown")]
    public async Task Empty_and_binary_messages_are_refused_beside_the_field_and_nothing_is_saved(string text, string expected)
    {
        var email = await app.NewMemberAsync(groupSlug: "peterborough");
        var browser = await app.SignedInAsync(email);
        var room = await app.GroupRoomAsync("peterborough");
        var before = (await app.MessagesAsync(room)).Count;
        var response = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["Text"] = text }, "#send");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, page.Text(".error-summary"));
        Assert.Contains(expected, page.Text("#send .field-error"));
        Assert.Equal(before, (await app.MessagesAsync(room)).Count);
        var api = await app.ApiClientAsync(email);
        var refused = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(expected, (await refused.ProblemAsync()).GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task A_message_with_a_NUL_character_is_refused_by_the_API_as_binary()
    {
        var email = await app.NewMemberAsync(groupSlug: "peterborough");
        var room = await app.GroupRoomAsync("peterborough");
        var refused = await (await app.ApiClientAsync(email)).PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "PK\u0003\u0004\u0000\u0000binary" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Send text only", (await refused.ProblemAsync()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.DoesNotContain(await app.MessagesAsync(room), m => m.Text.Contains("binary"));
    }

    [Fact]
    public async Task A_message_over_2000_characters_is_refused_and_what_was_typed_is_kept()
    {
        var email = await app.NewMemberAsync(groupSlug: "peterborough");
        var browser = await app.SignedInAsync(email);
        var room = await app.GroupRoomAsync("peterborough");
        var text = new string('a', 2001);
        var response = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["Text"] = text }, "#send");
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("up to 2,000 characters. Yours has 2,001", page.Text("#send .field-error"));
        Assert.Equal(text, page.QuerySelector("#Text")!.TextContent);
        var api = await app.ApiClientAsync(email);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = new string('b', 2000) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/rooms/{room}/messages", JsonContent.Create(new { text = 42 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/rooms/{room}/messages", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Someone_outside_the_group_finds_its_room_not_found_just_like_a_missing_room()
    {
        var outsider = await app.NewMemberAsync(groupSlug: "brighton");
        var room = await app.GroupRoomAsync("peterborough");
        var browser = await app.SignedInAsync(outsider);
        // Not found, exactly as a room that doesn't exist: room ids are sequential, and a 403 would say it does.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/talk/{room}")).StatusCode);
        var api = await app.ApiClientAsync(outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/rooms/{room}/messages")).StatusCode);
        var post = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "let me in" });
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("There is no such room.", (await post.ProblemAsync()).GetProperty("detail").GetString());
        Assert.DoesNotContain(await app.MessagesAsync(room), m => m.Text == "let me in");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/rooms/999999/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/talk/999999")).StatusCode);
    }

    [Fact]
    public async Task History_loads_page_by_page_and_unread_counts_start_after_the_last_look()
    {
        var (writer, reader) = (await app.NewMemberAsync("Writer", "milton-keynes"), await app.NewMemberAsync("Reader", "milton-keynes"));
        var room = await app.GroupRoomAsync("milton-keynes");
        var writerId = await app.MemberIdAsync(writer);
        await app.WithDbAsync(async db =>
        {
            var start = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromHours(-2));
            for (var i = 1; i <= 60; i++) db.Messages.Add(new ChatMessage { RoomId = room, AuthorId = writerId, Text = $"message {i}", SentAt = start.Plus(Duration.FromMinutes(i)) });
            return await db.SaveChangesAsync();
        });
        var api = await app.ApiClientAsync(reader);
        var rooms = await api.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms");
        Assert.Equal(60, rooms!.Single(r => r.Id == room).Unread);

        var browser = await app.SignedInAsync(reader);
        var latest = await browser.ShownAsync(room);
        Assert.Equal(50, latest.Count);
        Assert.Equal("message 60", latest[^1]);
        var page = await browser.GetPageAsync($"/talk/{room}");
        var earlier = page.QuerySelectorAll("a").Single(a => a.TextContent == "Earlier messages").GetAttribute("href")!;
        var older = await browser.ShownAsync(room, earlier[earlier.IndexOf('?')..]);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"message {i}"), older);

        // Reading the room (its latest page) marks it read; a new message counts as one.
        Assert.Equal(0, (await api.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!.Single(r => r.Id == room).Unread);
        await (await app.ApiClientAsync(writer)).SendAsync(room, "one more");
        Assert.Equal(1, (await api.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!.Single(r => r.Id == room).Unread);
        var talk = await browser.GetPageAsync("/talk");
        Assert.Contains("1 new", talk.QuerySelectorAll(".rooms li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == $"/talk/{room}").TextContent);
    }
}
