namespace RunTalkRun.Features.Runs;

public class WaitlistSettings
{
    /// <summary>How long a freed place is held for the next person on the waitlist (shorter close to the start).</summary>
    public int OfferMinutes { get; set; } = 120;
}
