using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// What "first time" means, written once: the member said it's their first time (ticked on any of their
/// RSVPs to the group's runs — the tick outlives a dropped run) and hasn't been to a run of this group yet
/// (no register shows them there at an earlier run of the group). So leaders see it on the run the person
/// actually comes to first, whatever they dropped, and not once they have been. Every page, endpoint,
/// export and mail that shows the flag on an RSVP uses this.
/// </summary>
public static class FirstTimeQueries
{
    /// <summary>For filters: <c>db.Rsvps.Where(FirstTimeQueries.IsFirstTime(db))</c>.</summary>
    public static Expression<Func<Rsvp, bool>> IsFirstTime(AppDb db) => r =>
        db.Rsvps.Any(t => t.MemberId == r.MemberId && t.FirstTime && t.Run!.GroupId == r.Run!.GroupId)
        && !db.RegisterEntries.Any(e => e.MemberId == r.MemberId && e.Present
            && db.Runs.Any(p => p.Id == e.RunId && p.GroupId == r.Run!.GroupId && p.StartsAt < r.Run.StartsAt));

    public static IQueryable<Rsvp> FirstTime(this IQueryable<Rsvp> rsvps, AppDb db) => rsvps.Where(IsFirstTime(db));

    /// <summary>The ids of those of these RSVPs that are a first time.</summary>
    public static async Task<HashSet<int>> FirstTimeIdsAsync(this IQueryable<Rsvp> rsvps, AppDb db, CancellationToken ct = default) =>
        (await rsvps.FirstTime(db).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
}
