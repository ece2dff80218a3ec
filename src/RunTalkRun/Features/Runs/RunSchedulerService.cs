using Microsoft.Extensions.Options;
using RunTalkRun.Data;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Runs the scheduler every Jobs:SchedulerHours (6 by default), where Jobs:Enabled. Its first pass is one interval
/// after start: at start, <see cref="DatabaseSetup.MigrateAndSeedAsync"/> has just done it.
/// </summary>
public class RunSchedulerService(IServiceScopeFactory scopes, IOptions<JobSettings> settings, ILogger<RunSchedulerService> log)
    : PeriodicJob(scopes, settings, TimeSpan.FromHours(settings.Value.SchedulerHours), log)
{
    protected override bool FirstPassAtStart => false;
    protected override string Name => "Scheduling runs";

    protected override Task RunPassAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<RunScheduler>().ScheduleAheadAsync(services.GetRequiredService<AppDb>(), ct);
}
