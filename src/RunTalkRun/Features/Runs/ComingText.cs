namespace RunTalkRun.Features.Runs;

/// <summary>How many are coming, in kind words. Never a public "0 going".</summary>
public static class ComingText
{
    public static string For(int going) => going switch
    {
        <= 0 => "Be the first to say you're coming.",
        1 => "1 person is coming.",
        _ => $"{going} people are coming.",
    };

    /// <summary>For a run that has started: who said they'd come, never an invitation to come.</summary>
    public static string ForPast(int going) => going switch
    {
        <= 0 => "This run has happened.",
        1 => "1 person said they were coming.",
        _ => $"{going} people said they were coming.",
    };
}
