using NodaTime;

namespace RunTalkRun.Features.Time;

/// <summary>For the machine formats that still speak DateTime (JSON in the API and the data export).</summary>
public static class Instants
{
    public static DateTime? ToDateTimeUtc(this Instant? at) => at?.ToDateTimeUtc();
}
