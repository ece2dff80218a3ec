using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>Steps the chat tests share: a group's room, sending through the API, reading a room's page.</summary>
public static class TalkSteps
{
    public static Task<int> GroupRoomAsync(this AppFactory app, string slug) => app.WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Slug == slug);
        var key = Room.KeyFor(RoomKind.Group, group.Id);
        if (await db.Rooms.SingleOrDefaultAsync(r => r.Key == key) is { } room) return room.Id;
        room = new Room { Kind = RoomKind.Group, Key = key, GroupId = group.Id, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    });

    public static async Task<long> SendAsync(this HttpClient api, int roomId, string text)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/rooms/{roomId}/messages", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetProperty("id").GetInt64();
    }

    public static Task<List<ChatMessage>> MessagesAsync(this AppFactory app, int roomId) =>
        app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.RoomId == roomId).OrderBy(m => m.Id).ToListAsync());

    /// <summary>A room's page as its messages' texts, in order.</summary>
    public static async Task<List<string>> ShownAsync(this HttpClient browser, int roomId, string query = "")
    {
        var page = await browser.GetPageAsync($"/talk/{roomId}{query}");
        return page.QuerySelectorAll("#messages li").Select(li => (li.QuerySelector(".body, .gone")?.TextContent ?? "").Trim()).ToList();
    }
}
