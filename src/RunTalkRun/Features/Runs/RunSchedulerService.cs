using RunTalkRun.Data;

namespace RunTalkRun.Features.Runs;

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
