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
        var seriesList = await db.RunSeries.Include(s => s.Group).ToListAsync(ct);
        foreach (var series in seriesList)
        {
            var zone = series.Group!.Zone;
            var today = clock.GetCurrentInstant().InZone(zone).Date;
            var wanted = series.Occurrences(today, today.PlusWeeks(WeeksAhead), zone).ToList();
            if (wanted.Count == 0) continue;
            var from = wanted[0].Date.ToDateOnly();
            var existing = await db.Runs.Where(r => r.SeriesId == series.Id && r.SeriesDate >= from)
                .Select(r => r.SeriesDate).ToListAsync(ct);
            var missing = wanted.Where(w => !existing.Contains(w.Date.ToDateOnly())).ToList();
            if (missing.Count == 0) continue;
            db.Runs.AddRange(missing.Select(m => Run.FromSeries(series, m.Date, m.StartsAt)));
            try
            {
                await db.SaveChangesAsync(ct);
                created += missing.Count;
            }
            catch (DbUpdateException)
            {
                // Another instance made them first.
                db.ChangeTracker.Clear();
                log.LogInformation("Runs for series {Series} were created by another instance", series.Id);
            }
        }
        return created;
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
