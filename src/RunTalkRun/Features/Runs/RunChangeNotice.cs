using NodaTime;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// A run's changes that are still to be mailed: the run as people last heard of it (its time, meeting point
/// and whether it was cancelled), since when, and when the mail goes. Quick edits fold into one mail that
/// tells the final state against these values; when the run is back as it was, nothing goes.
/// Stored on the run (owned, its columns prefixed "Notice"); null when nothing is pending.
/// </summary>
public class RunChangeNotice
{
    /// <summary>When the first of these changes was made: part of the mails' keys.</summary>
    public Instant Since { get; set; }
    /// <summary>When the mails are due; until then another edit rewrites them.</summary>
    public Instant DueAt { get; set; }
    public Instant FromStartsAt { get; set; }
    public int? FromMeetingPointId { get; set; }
    public bool FromCancelled { get; set; }
}
