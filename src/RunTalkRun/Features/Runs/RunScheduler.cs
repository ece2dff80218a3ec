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

    public async Task<int> ScheduleAheadAsync(AppDb db, CancellationToken ct = default)
    {
        var created = 0;
        foreach (var id in await db.RunSeries.Select(s => s.Id).ToListAsync(ct))
            created += await ScheduleSeriesAsync(db, id, ct);
        return created;
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
        db.Runs.AddRange(runs);
        try
        {
            await db.SaveChangesAsync(ct);
            return runs.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance made them first.
            foreach (var run in runs) db.Entry(run).State = EntityState.Detached;
            log.LogInformation("Runs for series {Series} were created by another instance", series.Id);
            return 0;
        }
    }
}

/// <summary>Runs the scheduler every few hours.</summary>
public class RunSchedulerService(IServiceScopeFactory scopes, ILogger<RunSchedulerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                await scope.ServiceProvider.GetRequiredService<RunScheduler>().ScheduleAheadAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Scheduling runs failed; will try again later");
            }
        }
    }
}
