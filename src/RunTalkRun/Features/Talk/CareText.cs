namespace RunTalkRun.Features.Talk;

/// <summary>The words of the private note, in the spirit of the Samaritans' guidance: warm, no judgement, where to turn now.</summary>
public static class CareText
{
    public const string Title = "Thank you for sharing this";
    public const string Body =
        "It sounds like things might be really hard right now. You don't have to go through it alone. " +
        "If you're thinking about ending your life, or you don't feel safe, please talk to someone now: " +
        "they're free, and they're there any time. Your message is in the room, and a moderator will see it too, " +
        "so someone can check in with you. If you're writing about someone else, these lines can help them too.";
}
