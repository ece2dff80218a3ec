using Microsoft.Extensions.Options;

namespace RunTalkRun.Features.Jobs;

/// <summary>
/// A background pass made every <see cref="Interval"/>, each in a scope of its own, where Jobs:Enabled (in an
/// instance where it is false, no pass is ever made). The first pass is at start, or one interval after it where
/// <see cref="FirstPassAtStart"/> is false. A pass that fails is logged and the next one is made as usual;
/// stopping the app cancels the pass under way and ends the job.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, IOptions<JobSettings> jobs, TimeSpan interval, ILogger log) : BackgroundService
{
    /// <summary>The time from one pass to the next (each job reads its own from configuration).</summary>
    public TimeSpan Interval { get; } = interval;

    protected ILogger Log { get; } = log;

    /// <summary>True (the default): the first pass is made at start; false: one interval after it.</summary>
    protected virtual bool FirstPassAtStart => true;

    /// <summary>What the log calls a failed pass, as in "{Job} failed; will try again at the next pass".</summary>
    protected abstract string Name { get; }

    /// <summary>One pass, with the services of its own scope.</summary>
    protected abstract Task RunPassAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled) return;
        using var timer = new PeriodicTimer(Interval);
        if (!FirstPassAtStart && !await timer.WaitForNextTickAsync(stoppingToken)) return;
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                await RunPassAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LogError(e, "{Job} failed; will try again at the next pass", Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
