namespace RunTalkRun.Features.Runs;

public class OnlineAddressSettings
{
    /// <summary>How long before a virtual run's start the people coming see its online address.</summary>
    public int ShownMinutesBefore { get; set; } = 30;
}
