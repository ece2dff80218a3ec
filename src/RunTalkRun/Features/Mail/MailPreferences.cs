namespace RunTalkRun.Features.Mail;

/// <summary>Which emails about runs a member wants. Stored on the member; each kind is one switch.</summary>
public class MailPreferences
{
    public bool DayBefore { get; set; } = true;
    public bool TwoHoursBefore { get; set; }
    public bool LeaderSummary { get; set; } = true;
    public bool RunCancelled { get; set; } = true;
    public bool PlaceOffered { get; set; } = true;
    public bool CoverNeeded { get; set; } = true;
    public bool TrainingExpiring { get; set; } = true;

    public bool Wants(MailKind kind) => kind switch
    {
        MailKind.DayBefore => DayBefore,
        MailKind.TwoHoursBefore => TwoHoursBefore,
        MailKind.LeaderSummary => LeaderSummary,
        MailKind.RunCancelled => RunCancelled,
        MailKind.PlaceOffered => PlaceOffered,
        MailKind.CoverNeeded => CoverNeeded,
        MailKind.TrainingExpiring => TrainingExpiring,
        _ => true,
    };

    public void Set(MailKind kind, bool wanted)
    {
        switch (kind)
        {
            case MailKind.DayBefore: DayBefore = wanted; break;
            case MailKind.TwoHoursBefore: TwoHoursBefore = wanted; break;
            case MailKind.LeaderSummary: LeaderSummary = wanted; break;
            case MailKind.RunCancelled: RunCancelled = wanted; break;
            case MailKind.PlaceOffered: PlaceOffered = wanted; break;
            case MailKind.CoverNeeded: CoverNeeded = wanted; break;
            case MailKind.TrainingExpiring: TrainingExpiring = wanted; break;
        }
    }

    /// <summary>The words a member sees for each kind, in the order the settings page lists them.</summary>
    public static readonly (MailKind Kind, string Slug, string Label, string Hint)[] Kinds =
    [
        (MailKind.DayBefore, "day-before", "A reminder the day before a run you're coming to", "Sent about 24 hours before the start."),
        (MailKind.TwoHoursBefore, "two-hours-before", "A reminder two hours before", "For when the day gets away from you."),
        (MailKind.RunCancelled, "run-cancelled", "When a run you're coming to is cancelled", "With the leader's reason, as soon as it happens."),
        (MailKind.PlaceOffered, "place-offered", "When a place frees up on a run you're waiting for", "The place is held for you for a while, so it's worth knowing quickly."),
        (MailKind.LeaderSummary, "leader-summary", "For leaders: who's coming, on the day of a run you lead", "How many are coming and how many for the first time."),
        (MailKind.CoverNeeded, "cover-needed", "For leaders: when another leader of your group needs cover", "With a link to take the run in one tap."),
        (MailKind.TrainingExpiring, "training-expiring", "For leaders: when a course you've done is about to expire", "A month before, so there's time to book a refresher."),
    ];

    public static bool CanSwitchOff(MailKind kind) => Kinds.Any(k => k.Kind == kind);

    public static MailKind? KindFromSlug(string? slug) =>
        Kinds.FirstOrDefault(k => k.Slug == slug) is { Slug: not null } found ? found.Kind : null;

    public static string SlugOf(MailKind kind) => Kinds.Single(k => k.Kind == kind).Slug;
}
