using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Runs;

/// <summary>Runs <see cref="RunJobs"/> at start and then every Jobs:ScanSeconds (a minute by default), where Jobs:Enabled.</summary>
public class RunJobsService(IServiceScopeFactory scopes, IOptions<JobSettings> settings, ILogger<RunJobsService> log)
    : PeriodicJob(scopes, settings, TimeSpan.FromSeconds(settings.Value.ScanSeconds), log)
{
    protected override string Name => "Run jobs";

    protected override Task RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<RunJobs>().RunOnceAsync(ct);
}
