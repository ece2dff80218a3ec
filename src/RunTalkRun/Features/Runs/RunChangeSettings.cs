namespace RunTalkRun.Features.Runs;

public class RunChangeSettings
{
    /// <summary>
    /// How long a run's change waits before it is mailed: edits within this time fold into one mail with the
    /// final state, and a change undone within it sends nothing. Each edit starts the wait again.
    /// </summary>
    public int NoticeDelayMinutes { get; set; } = 5;
}
