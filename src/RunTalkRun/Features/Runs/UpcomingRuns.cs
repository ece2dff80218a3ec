using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>A run with how many are going, and whether a leader is on its roster (without one it isn't confirmed).</summary>
public record RunWithCount(Run Run, int Going, bool HasLeader = true);

/// <summary>The one query for "what's on next" that both pages and the API use.</summary>
public static class UpcomingRuns
{
    public static async Task<List<RunWithCount>> ForGroupAsync(AppDb db, Group group, Instant now, int take)
    {
        return await db.Runs.AsNoTracking()
            .Where(r => r.GroupId == group.Id && r.StartsAt > now)
            .OrderBy(r => r.StartsAt).Take(take)
            .Include(r => r.MeetingPoint)
            .Select(r => new RunWithCount(r, r.Rsvps.AsQueryable().Count(RsvpQueries.IsGoing), r.Leaders.Any()))
            .ToListAsync();
    }
}
