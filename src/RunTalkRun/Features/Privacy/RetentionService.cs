using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Privacy;

/// <summary>Runs <see cref="Retention"/> at start and then every Retention:ScanMinutes (an hour by default), where Jobs:Enabled.</summary>
public class RetentionService(IServiceScopeFactory scopes, IOptions<JobSettings> jobs, IOptions<RetentionSettings> settings, ILogger<RetentionService> log)
    : PeriodicJob(scopes, jobs, TimeSpan.FromMinutes(settings.Value.ScanMinutes), log)
{
    protected override string Name => "Retention";

    protected override async Task RunPassAsync(IServiceProvider services, CancellationToken ct)
    {
        var pass = await services.GetRequiredService<Retention>().RunOnceAsync(ct);
        if (pass != new Retention.Pass(0, 0, 0, 0, 0)) Log.LogInformation("Retention deleted {Pass}", pass);
    }
}
