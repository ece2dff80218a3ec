using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Runs;

public record RsvpOutcome(Rsvp? Rsvp, RsvpRefusal? Refusal, int? WaitlistPosition = null);

/// <summary>
/// Saying "I'm coming", "I can't make it", and the waitlist of a full run; shared by the run page, the
/// API and the background jobs. Every change happens in one transaction that holds the run — on
/// PostgreSQL a row lock on the run (SELECT ... FOR UPDATE), on SQLite the database's single writer
/// (Microsoft.Data.Sqlite begins transactions IMMEDIATE) — so a capped run is never overbooked, also
/// under many requests at once: the next request counts only after this one has committed.
/// </summary>
public class Rsvps(AppDb db, Outbox outbox, IClock clock, IOptions<WaitlistSettings> settings, Talk.TalkPresence presence)
{
    public static readonly Duration ShortestOffer = Duration.FromMinutes(15);

    /// <summary>Places taken on a run: people going and people holding an offered place. Never above the cap.</summary>
    public static Task<int> PlacesTakenAsync(AppDb db, int runId) =>
        db.Rsvps.Where(r => r.RunId == runId).HoldingPlace().CountAsync();

    /// <summary>How many are going to each of these runs.</summary>
    public static Task<Dictionary<int, int>> GoingCountsAsync(AppDb db, IReadOnlyCollection<int> runIds) =>
        db.Rsvps.Where(r => runIds.Contains(r.RunId)).Going()
            .GroupBy(r => r.RunId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

    /// <summary>Begins a transaction that holds the run until it is committed or disposed.</summary>
    public async Task<IDbContextTransaction> HoldRunAsync(int runId)
    {
        var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Runs\" WHERE \"Id\" = {runId} FOR UPDATE");
        return tx;
    }

    /// <summary>
    /// "I'm coming": going if there is a place and nobody is waiting for one, otherwise on the waitlist.
    /// For a member offered a place, it takes the place while the offer holds.
    /// </summary>
    public async Task<RsvpOutcome> SayImComingAsync(int runId, string memberId, bool firstTime, bool fromSeries = false)
    {
        if (!await ConsentsToAttendanceAsync(memberId)) return new(null, RsvpRefusal.NoConsent);
        await using var tx = await HoldRunAsync(runId);
        var now = clock.GetCurrentInstant(); // read while holding the run: the queue's order is the order of arrival
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId);
        if (run is null) return new(null, RsvpRefusal.NotFound);
        if (run.RefuseRsvp(now) is { } refusal) return new(null, refusal);

        var mine = await db.Rsvps.SingleOrDefaultAsync(r => r.RunId == runId && r.MemberId == memberId);
        switch (mine?.Status)
        {
            case RsvpStatus.Going: return new(null, RsvpRefusal.AlreadyGoing);
            case RsvpStatus.Waitlisted: return new(null, RsvpRefusal.AlreadyWaitlisted, await PositionAsync(mine));
            case RsvpStatus.Offered when mine.OfferExpiresAt > now:
                mine.Status = RsvpStatus.Going;
                mine.OfferExpiresAt = null;
                mine.FirstTime |= firstTime;
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                return new(mine, null);
            case RsvpStatus.Offered:
                // Too late: the place passes on.
                db.Rsvps.Remove(mine);
                await db.SaveChangesAsync();
                await FillPlacesAsync(run, now);
                await tx.CommitAsync();
                outbox.Wake();
                return new(null, RsvpRefusal.OfferExpired);
        }

        await ExpireOffersAsync(run, now);
        var rsvp = run.AddRsvp(memberId, firstTime, now);
        rsvp.FromSeries = fromSeries;
        if (run.Capacity is { } cap)
        {
            var held = await PlacesTakenAsync(db, runId);
            var waiting = await db.Rsvps.Where(r => r.RunId == runId).Waitlisted().AnyAsync();
            // Nobody jumps the queue: while anyone is waiting, a newcomer waits behind them.
            if (held >= cap || waiting) rsvp.Status = RsvpStatus.Waitlisted;
        }
        int? position = null;
        try
        {
            await db.SaveChangesAsync();
            await FillPlacesAsync(run, now);
            if (rsvp.Status == RsvpStatus.Waitlisted) position = await PositionAsync(rsvp);
            await tx.CommitAsync();
        }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe))
        {
            // Two taps at once: the unique index (one RSVP per member per run) kept the second out.
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            if (await db.Rsvps.AnyAsync(r => r.RunId == runId && r.MemberId == memberId)) return new(null, RsvpRefusal.AlreadyGoing);
            throw;
        }
        outbox.Wake();
        return new(rsvp, null, position);
    }

    /// <summary>
    /// Attendance is health data: RSVPs are kept only for members who consent to it, which they can withdraw
    /// (and give again) on /account/consents.
    /// </summary>
    public Task<bool> ConsentsToAttendanceAsync(string memberId) =>
        db.Consents.AnyAsync(c => c.MemberId == memberId && c.Kind == Accounts.ConsentKind.AttendanceData && c.WithdrawnAt == null);

    /// <summary>Drops out of a run, or off its waitlist, or turns down an offer. Saying it twice is fine; nobody is scolded.</summary>
    public async Task<RsvpRefusal?> CantMakeItAsync(int runId, string memberId)
    {
        await using var tx = await HoldRunAsync(runId);
        var now = clock.GetCurrentInstant();
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId);
        if (run is null) return RsvpRefusal.NotFound;
        if (run.HasStarted(now)) return RsvpRefusal.InThePast;
        var ticked = await db.Rsvps.AnyAsync(r => r.RunId == runId && r.MemberId == memberId && r.FirstTime);
        await db.Rsvps.Where(r => r.RunId == runId && r.MemberId == memberId).ExecuteDeleteAsync();
        // "It's my first time" was said of the group, not of this run: it stays with their other runs of the group.
        if (ticked)
            await db.Rsvps.Where(r => r.MemberId == memberId && r.Run!.GroupId == run.GroupId && r.Run.StartsAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.FirstTime, true));
        await FillPlacesAsync(run, now);
        await tx.CommitAsync();
        outbox.Wake();
        await presence.RecheckAsync(memberId); // out of the run's thread, unless they're one of the group's people
        return null;
    }

    /// <summary>
    /// "I usually come": a place (or a place in the queue) on each upcoming run of the series, and on each
    /// new run as it is planned. Each run's RSVP can still be dropped on its own. Null if the series is unknown.
    /// </summary>
    public async Task<(bool Found, bool Ended, bool Already, List<RsvpOutcome> Runs)> UsuallyComeAsync(int seriesId, string memberId)
    {
        var series = await db.RunSeries.Include(s => s.Group).AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId);
        if (series is null) return (false, false, false, []);
        if (!await ConsentsToAttendanceAsync(memberId)) return (true, false, false, [new(null, RsvpRefusal.NoConsent)]);
        var now = clock.GetCurrentInstant();
        var today = now.InZone(series.Group!.Zone).Date.ToDateOnly();
        if (series.EndsOn is { } ends && ends < today) return (true, true, false, []);
        if (await db.SeriesRsvps.AnyAsync(s => s.SeriesId == seriesId && s.MemberId == memberId)) return (true, false, true, []);
        db.SeriesRsvps.Add(new SeriesRsvp { SeriesId = seriesId, MemberId = memberId, CreatedAt = now });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { db.ChangeTracker.Clear(); return (true, false, true, []); } // two taps at once
        var upcoming = await db.Runs.Where(r => r.SeriesId == seriesId && r.Status == RunStatus.Scheduled && r.StartsAt > now
                && !r.Rsvps.Any(x => x.MemberId == memberId))
            .OrderBy(r => r.StartsAt).Select(r => r.Id).ToListAsync();
        var outcomes = new List<RsvpOutcome>();
        foreach (var runId in upcoming) outcomes.Add(await SayImComingAsync(runId, memberId, false, fromSeries: true));
        return (true, false, false, outcomes);
    }

    /// <summary>Stops "I usually come": no more places on new runs, and the upcoming ones it gave are freed for others.</summary>
    public async Task<bool> StopUsuallyComingAsync(int seriesId, string memberId)
    {
        var removed = await db.SeriesRsvps.Where(s => s.SeriesId == seriesId && s.MemberId == memberId).ExecuteDeleteAsync();
        var now = clock.GetCurrentInstant();
        var given = await db.Rsvps.Where(r => r.MemberId == memberId && r.FromSeries && r.Run!.SeriesId == seriesId && r.Run.StartsAt > now)
            .Select(r => r.RunId).ToListAsync();
        foreach (var runId in given) await CantMakeItAsync(runId, memberId);
        return removed > 0;
    }

    /// <summary>Where a waitlisted member is in the queue: 1 is next.</summary>
    public async Task<int> PositionAsync(Rsvp rsvp) =>
        1 + await db.Rsvps.CountAsync(r => r.RunId == rsvp.RunId && r.Status == RsvpStatus.Waitlisted
            && (r.CreatedAt < rsvp.CreatedAt || (r.CreatedAt == rsvp.CreatedAt && r.Id < rsvp.Id)));

    /// <summary>
    /// Offers each free place to the next person waiting, held for a while, and queues the "a place is
    /// yours" mail with it. Call with the run held (<see cref="HoldRunAsync"/>): after any change that
    /// can free a place — someone dropping out, an offer running out, a higher or no cap.
    /// </summary>
    public async Task<int> FillPlacesAsync(Run run, Instant now)
    {
        await ExpireOffersAsync(run, now);
        if (run.RefuseRsvp(now) is not null) return 0;
        var held = await PlacesTakenAsync(db, run.Id);
        var free = run.Capacity is { } cap ? cap - held : int.MaxValue;
        if (free <= 0) return 0;
        var next = await db.Rsvps.Include(r => r.Member).Where(r => r.RunId == run.Id && r.Status == RsvpStatus.Waitlisted)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(Math.Min(free, Run.MaxCapacity)).ToListAsync();
        if (next.Count == 0) return 0;
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == run.GroupId);
        var expires = OfferExpiry(now, run.StartsAt, Duration.FromMinutes(settings.Value.OfferMinutes));
        foreach (var rsvp in next)
        {
            rsvp.Status = RsvpStatus.Offered;
            rsvp.OfferExpiresAt = expires;
            var (subject, body) = RunNews.PlaceOffered(run, group, rsvp.Member!, expires, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"offer:{rsvp.Id}:{expires.ToUnixTimeSeconds()}", MailKind.PlaceOffered, rsvp.Member!, subject, body, group.Id), now);
        }
        await db.SaveChangesAsync();
        return next.Count;
    }

    /// <summary>Offers whose time ran out are withdrawn: the member comes off the waitlist, and the place passes on.</summary>
    async Task ExpireOffersAsync(Run run, Instant now)
    {
        await db.Rsvps.Where(r => r.RunId == run.Id && r.Status == RsvpStatus.Offered && r.OfferExpiresAt <= now).ExecuteDeleteAsync();
    }

    /// <summary>
    /// How long a freed place is held: the configured time (2 hours by default), but at most half the
    /// time left before the run, at least 15 minutes, and never past the start.
    /// </summary>
    public static Instant OfferExpiry(Instant now, Instant start, Duration window)
    {
        var left = start - now;
        if (left < window * 2) window = Duration.Max(left / 2, ShortestOffer);
        var expiry = now + window;
        return expiry > start ? start : expiry;
    }

    /// <summary>Finds runs with an offer that has run out and passes each place on. For the background jobs.</summary>
    public async Task<int> PassOnExpiredOffersAsync(CancellationToken ct = default)
    {
        var lapsedBy = clock.GetCurrentInstant();
        var runIds = await db.Rsvps.Where(r => r.OfferExpiresAt != null && r.OfferExpiresAt <= lapsedBy)
            .Select(r => r.RunId).Distinct().Take(500).ToListAsync(ct);
        var offered = 0;
        foreach (var id in runIds)
        {
            await using var tx = await HoldRunAsync(id);
            var now = clock.GetCurrentInstant();
            var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == id, ct);
            if (run is null) continue;
            offered += await FillPlacesAsync(run, now); // withdraws the offers that ran out first
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        if (offered > 0) outbox.Wake();
        return offered;
    }
}
