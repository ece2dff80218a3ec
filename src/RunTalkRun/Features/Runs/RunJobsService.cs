using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Runs;

/// <summary>Runs <see cref="RunJobs"/> at start and then every Jobs:ScanSeconds (a minute by default).</summary>
public class RunJobsService(IServiceScopeFactory scopes, IOptions<JobSettings> settings, ILogger<RunJobsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.Value.ScanSeconds));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<RunJobs>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Run jobs failed; will try again at the next pass");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
