namespace RunTalkRun.Features.Privacy;

/// <summary>How long things are kept (the privacy notice reads these too). Registers: Jobs:RegisterRetentionDays.</summary>
public class RetentionSettings
{
    /// <summary>Chat messages are deleted this many days after they were sent.</summary>
    public int ChatMessageDays { get; set; } = 365;
    /// <summary>Closed concerns, with their notes, are deleted this many days after they were closed. Set it to match HQ's safeguarding policy.</summary>
    public int ClosedConcernDays { get; set; } = 6 * 365;
    /// <summary>Decided (approved or declined) applications to lead are deleted this many days after the decision.</summary>
    public int DecidedApplicationDays { get; set; } = 365;
    /// <summary>
    /// Sent emails (and those given up on) are deleted from the outbox this many days later. Their keys stop a
    /// reminder going twice, so this is never shorter than the training reminder's 30-day window.
    /// </summary>
    public int SentMailDays { get; set; } = 60;
    public double ScanMinutes { get; set; } = 60;
}
