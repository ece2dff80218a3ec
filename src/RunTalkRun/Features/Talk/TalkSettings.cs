namespace RunTalkRun.Features.Talk;

public class TalkSettings
{
    /// <summary>How many messages one member may send to one room in a minute.</summary>
    public int MessagesPerMinute { get; set; } = 12;
    public int PageSize { get; set; } = 50;
}
