using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Privacy;

/// <summary>Runs <see cref="Retention"/> at start and then every Retention:ScanMinutes (an hour by default), where Jobs:Enabled.</summary>
public class RetentionService(IServiceScopeFactory scopes, IOptions<JobSettings> jobs, IOptions<RetentionSettings> settings, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.Value.ScanMinutes));
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var pass = await scope.ServiceProvider.GetRequiredService<Retention>().RunOnceAsync(stoppingToken);
                if (pass != new Retention.Pass(0, 0, 0, 0, 0)) log.LogInformation("Retention deleted {Pass}", pass);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Retention failed; will try again at the next pass");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
