using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>
/// Words about suicide or self-harm: the writer privately sees a kind note with their country's crisis
/// lines, moderators are asked to look, and the message stays; HQ keeps the list.
/// </summary>
public class SafeMessagingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("Honestly some days I want to die.")]
    [InlineData("I've been SELF-HARMING again... no, self harm, that's the word")]
    [InlineData("I can’t go on like this")]
    public async Task A_message_with_crisis_language_brings_the_writer_a_kind_note_and_stays_in_the_room(string text)
    {
        var writer = await app.NewMemberAsync("Struggling", "peterborough");
        var other = await app.NewMemberAsync("Friend", "peterborough");
        var room = await app.GroupRoomAsync("peterborough");
        var browser = await app.SignedInAsync(writer);
        var sent = await browser.PostFormAsync($"/talk/{room}", new Dictionary<string, string> { ["Text"] = text }, "#send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await browser.GetPageAsync(sent.Headers.Location!.OriginalString);
        var note = page.QuerySelector("#care-note")!;
        Assert.False(note.HasAttribute("hidden"));
        Assert.Contains("Samaritans", note.TextContent);
        Assert.Contains("116 123", note.TextContent);
        Assert.Contains("999", note.TextContent);
        Assert.Contains(text, page.Text("#messages li.mine:last-child .body"));
        // Only the writer, and only once.
        Assert.True((await browser.GetPageAsync($"/talk/{room}")).QuerySelector("#care-note")!.HasAttribute("hidden"));
        Assert.True((await (await app.SignedInAsync(other)).GetPageAsync($"/talk/{room}")).QuerySelector("#care-note")!.HasAttribute("hidden"));

        var message = (await app.MessagesAsync(room)).Last(m => m.Text == text);
        Assert.NotNull(message.CrisisAt);
        Assert.Null(message.HiddenAt);
        var moderatorQueue = await (await app.ApiClientAsync(DemoCommunity.ModeratorEmail)).GetFromJsonAsync<JsonElement[]>("/api/v1/moderation/queue");
        Assert.Contains(moderatorQueue!, e => e.GetProperty("messageId").GetInt64() == message.Id && e.GetProperty("crisisLanguage").GetBoolean());
        var alerts = await app.WithDbAsync(db => db.OutboxMails.Where(m => m.Key.StartsWith($"chat-crisis:{message.Id}:")).ToListAsync());
        Assert.Contains(alerts, m => m.ToAddress == DemoCommunity.ModeratorEmail);
        Assert.Contains(alerts, m => m.ToAddress == DemoCommunity.LeaderEmail("peterborough"));
        Assert.All(alerts, m => Assert.DoesNotContain(text, m.Body));
    }

    [Fact]
    public async Task The_note_gives_the_crisis_lines_of_the_writers_country_and_ordinary_words_bring_no_note()
    {
        var slug = await app.WithDbAsync(db => db.Groups.Where(g => g.Country == "AU").Select(g => g.Slug).FirstAsync());
        var writer = await app.NewMemberAsync("Mate", slug);
        var room = await app.GroupRoomAsync(slug);
        var api = await app.ApiClientAsync(writer);
        var response = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "Feeling suicidal tonight" });
        var care = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("care");
        Assert.Equal("000", care.GetProperty("emergency").GetProperty("number").GetString());
        Assert.Equal("Lifeline", care.GetProperty("helplines")[0].GetProperty("name").GetString());

        foreach (var ordinary in new[] { "That hill nearly killed me, ha", "Overdosed on cake after the run", "Dying for a cuppa" })
        {
            var sent = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = ordinary });
            Assert.Equal(JsonValueKind.Null, (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("care").ValueKind);
        }
    }

    [Fact]
    public async Task HQ_edits_the_list_and_a_new_phrase_brings_the_note_while_members_cannot_edit_it()
    {
        var hq = await app.SignedInAsync(DemoCommunity.HqEmail);
        var added = await hq.PostFormAsync("/hq/crisis-phrases", new Dictionary<string, string> { ["Phrase"] = "  Give   Up On Everything " }, "#add-phrase");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("give up on everything", (await hq.GetPageAsync("/hq/crisis-phrases")).Text(".phrases"));
        var writer = await app.NewMemberAsync(groupSlug: "brighton");
        var room = await app.GroupRoomAsync("brighton");
        // Another instance reads the list again within 30 seconds; here the change was made on this one.
        var sent = await (await app.ApiClientAsync(writer)).PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "I just want to give up on everything" });
        Assert.NotEqual(JsonValueKind.Null, (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("care").ValueKind);

        var duplicate = await hq.PostFormAsync("/hq/crisis-phrases", new Dictionary<string, string> { ["Phrase"] = "give up on everything" }, "#add-phrase");
        Assert.Contains("already on the list", Pages.Parse(await duplicate.Content.ReadAsStringAsync()).Text(".error-summary"));
        var api = await app.ApiClientAsync(DemoCommunity.ModeratorEmail);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync("/api/v1/hq/crisis-phrases", new { phrase = "GIVE UP on everything" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/v1/hq/crisis-phrases", new { phrase = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/v1/hq/crisis-phrases", new { phrase = new string('a', 81) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/v1/hq/crisis-phrases", new { phrase = "<>!!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(writer)).PostAsJsonAsync("/api/v1/hq/crisis-phrases", new { phrase = "x" })).StatusCode);

        var phrases = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/hq/crisis-phrases");
        var id = phrases!.Single(p => p.GetProperty("phrase").GetString() == "give up on everything").GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/hq/crisis-phrases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/hq/crisis-phrases/{id}")).StatusCode);
        Assert.Equal(["chat.phrase-added", "chat.phrase-removed"],
            await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == "crisis-phrases" && a.Detail == "give up on everything").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }
}
