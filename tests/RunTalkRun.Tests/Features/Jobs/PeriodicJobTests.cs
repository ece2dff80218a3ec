using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;
using RunTalkRun.Features.Privacy;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Tests.Features.Jobs;

/// <summary>
/// The background passes (run jobs, the run scheduler, retention) share <see cref="PeriodicJob"/>: none runs where
/// Jobs:Enabled is false, each reads its interval from configuration, and a failed pass is logged and followed by the next.
/// </summary>
public class PeriodicJobTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10); // only a failing test waits this long

    /// <summary>A job whose pass the test writes; it is told the number of each pass (1, 2, ...).</summary>
    sealed class TestJob(bool enabled, TimeSpan interval, ILogger log, Func<int, CancellationToken, Task> pass, bool firstPassAtStart = true)
        : PeriodicJob(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new JobSettings { Enabled = enabled }), interval, log)
    {
        int passes;
        public int Passes => Volatile.Read(ref passes);
        protected override bool FirstPassAtStart => firstPassAtStart;
        protected override string Name => "Test job";
        protected override Task RunPassAsync(IServiceProvider services, CancellationToken ct) => pass(Interlocked.Increment(ref passes), ct);
    }

    sealed class Logs : ILogger
    {
        public readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Error)> Entries = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    /// <summary>The app's own periodic jobs, as its set-up registers them, with these settings.</summary>
    static List<PeriodicJob> AppJobs(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddJobs(config).AddRuns(config).AddPrivacy(config).BuildServiceProvider();
        return services.GetServices<IHostedService>().OfType<PeriodicJob>().ToList();
    }

    [Fact]
    public async Task Where_jobs_are_disabled_no_pass_runs()
    {
        var job = new TestJob(enabled: false, TimeSpan.FromMilliseconds(10), new Logs(), (_, _) => Task.CompletedTask);
        await job.StartAsync(CancellationToken.None);
        await job.ExecuteTask!.WaitAsync(Patience); // the job ends at once, without waiting for a tick
        await Task.Delay(50); // five intervals
        Assert.Equal(0, job.Passes);
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Where_jobs_are_disabled_none_of_the_apps_jobs_runs_a_pass()
    {
        // Tiny intervals: a job that ignored Jobs:Enabled would keep running (and fail, having no database).
        var jobs = AppJobs(new() { ["Jobs:Enabled"] = "false", ["Jobs:ScanSeconds"] = "0.01", ["Jobs:SchedulerHours"] = "0.000003", ["Retention:ScanMinutes"] = "0.0002" });
        Assert.Equal(["RetentionService", "RunJobsService", "RunSchedulerService"], jobs.Select(j => j.GetType().Name).Order());
        foreach (var job in jobs) await job.StartAsync(CancellationToken.None);
        foreach (var job in jobs) Assert.True((await Task.WhenAny(job.ExecuteTask!, Task.Delay(Patience))) == job.ExecuteTask && job.ExecuteTask.IsCompletedSuccessfully, $"{job.GetType().Name} is still running");
        foreach (var job in jobs) await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Each_job_reads_its_interval_from_configuration()
    {
        var jobs = AppJobs(new() { ["Jobs:ScanSeconds"] = "7", ["Jobs:SchedulerHours"] = "2", ["Retention:ScanMinutes"] = "5" });
        Assert.Equal(TimeSpan.FromSeconds(7), jobs.OfType<RunJobsService>().Single().Interval);
        Assert.Equal(TimeSpan.FromHours(2), jobs.OfType<RunSchedulerService>().Single().Interval);
        Assert.Equal(TimeSpan.FromMinutes(5), jobs.OfType<RetentionService>().Single().Interval);
    }

    [Fact]
    public void Without_settings_the_intervals_are_a_minute_six_hours_and_an_hour()
    {
        var jobs = AppJobs([]);
        Assert.Equal(TimeSpan.FromMinutes(1), jobs.OfType<RunJobsService>().Single().Interval);
        Assert.Equal(TimeSpan.FromHours(6), jobs.OfType<RunSchedulerService>().Single().Interval);
        Assert.Equal(TimeSpan.FromHours(1), jobs.OfType<RetentionService>().Single().Interval);
    }

    [Fact]
    public async Task The_first_pass_comes_at_start_not_after_an_interval()
    {
        // An hour's interval: a first pass within the test's patience can only be the one at start.
        var first = new TaskCompletionSource();
        var job = new TestJob(enabled: true, TimeSpan.FromHours(1), new Logs(), (_, _) => { first.TrySetResult(); return Task.CompletedTask; });
        await job.StartAsync(CancellationToken.None);
        await first.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Passes_keep_the_interval()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        var times = new ConcurrentQueue<TimeSpan>();
        var third = new TaskCompletionSource();
        var clock = Stopwatch.StartNew();
        var job = new TestJob(enabled: true, interval, new Logs(), (n, _) =>
        {
            times.Enqueue(clock.Elapsed);
            if (n == 3) third.TrySetResult();
            return Task.CompletedTask;
        });
        await job.StartAsync(CancellationToken.None);
        await third.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None);
        var at = times.ToArray();
        // A busy machine can only make passes later, never sooner: the lower bound is what the interval promises.
        Assert.True(at[2] - at[0] >= 2 * interval - TimeSpan.FromMilliseconds(20), $"three passes in {at[2] - at[0]}: the interval is not kept");
    }

    [Fact]
    public async Task A_job_that_does_not_start_with_a_pass_waits_one_interval()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        var first = new TaskCompletionSource<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var job = new TestJob(enabled: true, interval, new Logs(), (_, _) => { first.TrySetResult(clock.Elapsed); return Task.CompletedTask; }, firstPassAtStart: false);
        await job.StartAsync(CancellationToken.None);
        var at = await first.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None);
        Assert.True(at >= interval - TimeSpan.FromMilliseconds(20), $"the first pass came at {at}");
    }

    [Fact]
    public async Task A_failing_pass_is_logged_and_the_next_one_still_runs()
    {
        var logs = new Logs();
        var second = new TaskCompletionSource();
        var job = new TestJob(enabled: true, TimeSpan.FromMilliseconds(20), logs, (n, _) =>
        {
            if (n == 1) throw new InvalidOperationException("the database is away");
            second.TrySetResult();
            return Task.CompletedTask;
        });
        await job.StartAsync(CancellationToken.None);
        await second.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("Test job failed; will try again at the next pass", error.Message);
        Assert.Equal("the database is away", error.Error?.Message);
    }

    [Fact]
    public async Task Stopping_cancels_the_pass_under_way_and_logs_no_failure()
    {
        var logs = new Logs();
        var started = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        var job = new TestJob(enabled: true, TimeSpan.FromMilliseconds(20), logs, async (_, ct) =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await job.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Patience);
        await job.StopAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.True(cancelled.Task.IsCompleted);
        Assert.True(job.ExecuteTask!.IsCompleted);
        Assert.Equal(1, job.Passes);
        Assert.DoesNotContain(logs.Entries, e => e.Level == LogLevel.Error);
    }
}
