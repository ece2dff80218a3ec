using System.Linq.Expressions;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// What "coming" means, written once. <b>Going</b>: people who said they're coming — the one public count,
/// the same on every page and endpoint. <b>Holding a place</b>: going, plus anyone holding an offered place
/// from the waitlist — what a run's cap is measured against. Someone offered a place isn't counted as
/// coming until they take it (they may not).
/// </summary>
public static class RsvpQueries
{
    /// <summary>For counts inside a projection: <c>r.Rsvps.AsQueryable().Count(RsvpQueries.IsGoing)</c>.</summary>
    public static readonly Expression<Func<Rsvp, bool>> IsGoing = r => r.Status == RsvpStatus.Going;

    public static readonly Expression<Func<Rsvp, bool>> IsHoldingPlace = r => r.Status == RsvpStatus.Going || r.Status == RsvpStatus.Offered;

    public static readonly Expression<Func<Rsvp, bool>> IsWaitlisted = r => r.Status == RsvpStatus.Waitlisted;

    public static IQueryable<Rsvp> Going(this IQueryable<Rsvp> rsvps) => rsvps.Where(IsGoing);

    public static IQueryable<Rsvp> HoldingPlace(this IQueryable<Rsvp> rsvps) => rsvps.Where(IsHoldingPlace);

    public static IQueryable<Rsvp> Waitlisted(this IQueryable<Rsvp> rsvps) => rsvps.Where(IsWaitlisted);

    public static bool IsGoingNow(this Rsvp rsvp) => rsvp.Status == RsvpStatus.Going;
}
