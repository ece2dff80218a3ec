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
        var list = await db.Rsvps.AsNoTracking().Where(r => r.RunId == run.Id)
            .OrderBy(r => r.Status == RsvpStatus.Going ? 0 : r.Status == RsvpStatus.Offered ? 1 : 2)
            .ThenByDescending(r => r.FirstTime).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new Attending(r.Member!.Nickname, r.FirstTime, r.CreatedAt, r.Status))
            .ToListAsync();
        db.Record(readerId, "read-attendees", $"run:{run.Id}", $"{list.Count} attendee(s)", now);
        await db.SaveChangesAsync();
        return list;
    }
}
