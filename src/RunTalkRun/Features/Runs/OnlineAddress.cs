using NodaTime;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Where a virtual run's talk happens online: an https address the leader gives (a video call, say).
/// Only people coming (and the group's leaders) see it, and only from a set time before the start, so a
/// link passed around can't bring strangers in early.
/// </summary>
public static class OnlineAddress
{
    public const int MaxLength = 500;

    /// <summary>Checks an address typed by a leader. Empty clears it. Returns the error, or null with the tidy address (or null for none).</summary>
    public static string? Check(Run run, string? text, out string? address)
    {
        address = null;
        var typed = text?.Trim() ?? "";
        if (typed.Length == 0) return null;
        if (!run.IsVirtual) return "This run meets in person, so it has no online address: it has a meeting point.";
        if (typed.Length > MaxLength) return $"The online address must be {MaxLength} characters or fewer. It has {typed.Length}.";
        if (typed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '\'' or '`' or '\\'))
            return "The online address can't contain spaces, quotes, angle brackets or backslashes. Copy it from your video call's \"invite\" or \"copy link\" button.";
        if (!Uri.TryCreate(typed, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
            || !typed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return "The online address must be a secure web address starting with https://, like https://meet.example.org/run-talk-run.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "The online address can't contain a user name or password before the @.";
        if (!uri.Host.Contains('.') || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return "The online address must be on a named web site, like https://meet.example.org/run-talk-run.";
        address = uri.AbsoluteUri;
        return null;
    }

    /// <summary>From when people coming see the address.</summary>
    public static Instant ShownFrom(Run run, OnlineAddressSettings settings) => run.StartsAt - Duration.FromMinutes(Math.Max(0, settings.ShownMinutesBefore));

    /// <summary>
    /// Whether this person sees the address now: the group's leaders always (they give it); people going from
    /// <see cref="ShownFrom"/>; nobody else (waitlisted, offered but not yet taken, strangers), and nobody on a cancelled run.
    /// </summary>
    public static bool Shown(Run run, bool canLead, Rsvp? mine, Instant now, OnlineAddressSettings settings) =>
        run.IsVirtual && run.OnlineAddress is not null && run.Status != RunStatus.Cancelled
        && (canLead || (mine is { Status: RsvpStatus.Going } && now >= ShownFrom(run, settings)));
}
