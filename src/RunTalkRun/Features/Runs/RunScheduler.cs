using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Keeps every series' runs created some weeks ahead. Safe with several instances: the database
/// refuses a second run for the same series and date, and a refused batch is simply re-read.
/// </summary>
public class RunScheduler(IClock clock, ILogger<RunScheduler> log)
{
    public const int WeeksAhead = 8;

    /// <summary>
    /// Tops up every series that may be missing runs. One query finds each series' last planned run;
    /// a series whose next run would fall beyond the horizon in every time zone is skipped, so a start
    /// on a large community looks at the few that need it, not at every series one by one.
    /// </summary>
    public async Task<int> ScheduleAheadAsync(AppDb db, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var utcToday = now.InUtc().Date;
        // The latest "today" anywhere is at most a day after UTC's; weekly is the most frequent series.
        var horizon = utcToday.PlusDays(1).PlusWeeks(WeeksAhead).ToDateOnly();
        var yesterday = utcToday.PlusDays(-1).ToDateOnly();
        var latest = await db.Runs.Where(r => r.SeriesId != null)
            .GroupBy(r => r.SeriesId!.Value).Select(g => new { Id = g.Key, Last = g.Max(r => r.SeriesDate) })
            .ToDictionaryAsync(x => x.Id, x => x.Last, ct);
        var open = await db.RunSeries.Where(s => s.EndsOn == null || s.EndsOn >= yesterday).Select(s => s.Id).ToListAsync(ct);
        var created = 0;
        foreach (var id in open)
        {
            if (latest.GetValueOrDefault(id) is { } last && last.AddDays(7) > horizon) continue;
            created += await ScheduleSeriesAsync(db, id, ct);
            db.ChangeTracker.Clear(); // nothing from one series is needed for the next
        }
        return created;
    }

    /// <summary>
    /// Saves a new series and creates its first runs: together or not at all. <paramref name="usualLeaderId"/>,
    /// if given, usually leads it: they are on the roster of each of its runs.
    /// </summary>
    public async Task AddSeriesAsync(AppDb db, RunSeries series, string? usualLeaderId = null, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RunSeries.Add(series);
        await db.SaveChangesAsync(ct);
        if (usualLeaderId is not null)
        {
            db.SeriesLeaders.Add(new Leading.SeriesLeader { SeriesId = series.Id, MemberId = usualLeaderId, AddedAt = clock.GetCurrentInstant() });
            await db.SaveChangesAsync(ct);
        }
        await ScheduleSeriesAsync(db, series.Id, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Creates the missing runs of one series from now to <see cref="WeeksAhead"/> weeks ahead.</summary>
    public async Task<int> ScheduleSeriesAsync(AppDb db, int seriesId, CancellationToken ct = default)
    {
        var series = await db.RunSeries.AsNoTracking().Include(s => s.Group).SingleAsync(s => s.Id == seriesId, ct);
        var zone = series.Group!.Zone;
        var now = clock.GetCurrentInstant();
        var today = now.InZone(zone).Date;
        var wanted = series.Occurrences(today, today.PlusWeeks(WeeksAhead), zone).Where(o => o.StartsAt > now).ToList();
        if (wanted.Count == 0) return 0;
        var from = wanted[0].Date.ToDateOnly();
        var existing = await db.Runs.Where(r => r.SeriesId == series.Id && r.SeriesDate >= from).Select(r => r.SeriesDate).ToListAsync(ct);
        var missing = wanted.Where(w => !existing.Contains(w.Date.ToDateOnly())).ToList();
        if (missing.Count == 0) return 0;
        var runs = missing.Select(m => Run.FromSeries(series, m.Date, m.StartsAt)).ToList();
        // Everyone who usually comes has a place on each new run (a new run has no cap yet).
        var regulars = await db.SeriesRsvps.Where(s => s.SeriesId == series.Id).Select(s => s.MemberId).ToListAsync(ct);
        foreach (var run in runs)
            foreach (var memberId in regulars)
                run.Rsvps.Add(new Rsvp { MemberId = memberId, FromSeries = true, CreatedAt = now });
        // And those who usually lead it are on each new run's roster.
        var leaders = await db.SeriesLeaders.Where(s => s.SeriesId == series.Id).Select(s => s.MemberId).ToListAsync(ct);
        foreach (var run in runs)
            foreach (var memberId in leaders)
                run.Leaders.Add(new Leading.RunLeader { MemberId = memberId, FromSeries = true, AddedAt = now });
        db.Runs.AddRange(runs);
        try
        {
            await db.SaveChangesAsync(ct);
            return runs.Count;
        }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe))
        {
            // Another instance made them first.
            foreach (var run in runs)
            {
                foreach (var rsvp in run.Rsvps) db.Entry(rsvp).State = EntityState.Detached;
                foreach (var leader in run.Leaders) db.Entry(leader).State = EntityState.Detached;
                db.Entry(run).State = EntityState.Detached;
            }
            log.LogInformation("Runs for series {Series} were created by another instance", series.Id);
            return 0;
        }
    }
}
