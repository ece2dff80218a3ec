using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Runs;

public record Attending(string Nickname, bool FirstTime, Instant Since, RsvpStatus Status);

/// <summary>The list of who is coming to a run. Every read is audit-logged: attendance is health data.</summary>
public static class WhosComing
{
    public static async Task<List<Attending>> ReadAsync(AppDb db, Run run, string readerId, Instant now)
    {
        var firstTime = await db.Rsvps.Where(r => r.RunId == run.Id).FirstTimeIdsAsync(db);
        var list = (await db.Rsvps.AsNoTracking().Where(r => r.RunId == run.Id)
                .Select(r => new { r.Id, r.Member!.Nickname, r.CreatedAt, r.Status }).ToListAsync())
            .OrderBy(r => r.Status == RsvpStatus.Going ? 0 : r.Status == RsvpStatus.Offered ? 1 : 2)
            .ThenByDescending(r => firstTime.Contains(r.Id)).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new Attending(r.Nickname, firstTime.Contains(r.Id), r.CreatedAt, r.Status))
            .ToList();
        db.Record(readerId, "read-attendees", $"run:{run.Id}", $"{list.Count} attendee(s)", now);
        await db.SaveChangesAsync();
        return list;
    }
}
