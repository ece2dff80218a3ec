using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Jobs;

public class JobSettings
{
    /// <summary>Background work in this instance: the outbox sender, the run jobs (reminders, offers), the run scheduler and retention.</summary>
    public bool Enabled { get; set; } = true;
    public double OutboxPollSeconds { get; set; } = 5;
    public double ScanSeconds { get; set; } = 60;
    /// <summary>How often the scheduler tops up every series' runs (<see cref="Runs.RunSchedulerService"/>).</summary>
    public double SchedulerHours { get; set; } = 6;
    /// <summary>After this many days a run's register is reduced to counts, and its RSVPs removed.</summary>
    public int RegisterRetentionDays { get; set; } = 30;
}
