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
}
