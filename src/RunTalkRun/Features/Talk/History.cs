using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Talk;

public record HistoryItem(ChatMessage Message, string Author);

/// <summary>A room's messages, newest page first, then earlier pages by the oldest id shown.</summary>
public static class History
{
    public static async Task<List<HistoryItem>> PageAsync(AppDb db, int roomId, long? before, int size)
    {
        var page = await db.Messages.AsNoTracking()
            .Where(m => m.RoomId == roomId && (before == null || m.Id < before))
            .OrderByDescending(m => m.Id).Take(size)
            .Select(m => new HistoryItem(m, m.Author!.Nickname)).ToListAsync();
        page.Reverse();
        return page;
    }

    public static Task<bool> HasEarlierAsync(AppDb db, int roomId, List<HistoryItem> page) =>
        page.Count == 0 ? Task.FromResult(false) : db.Messages.AnyAsync(m => m.RoomId == roomId && m.Id < page[0].Message.Id);
}
