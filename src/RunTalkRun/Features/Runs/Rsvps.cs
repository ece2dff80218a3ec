using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Runs;

public record RsvpOutcome(Rsvp? Rsvp, RsvpRefusal? Refusal);

/// <summary>Saying "I'm coming" and "I can't make it", shared by the run page and the API.</summary>
public static class Rsvps
{
    /// <summary>
    /// Says "I'm coming". A capped run is never overbooked, also under many requests at once: the check
    /// and the insert happen in one transaction that holds the run — on PostgreSQL a row lock on the run
    /// (SELECT ... FOR UPDATE), on SQLite the database's single writer (Microsoft.Data.Sqlite begins
    /// transactions IMMEDIATE) — so the next request counts only after this one has committed.
    /// </summary>
    public static async Task<RsvpOutcome> SayImComingAsync(AppDb db, int runId, string memberId, bool firstTime, Instant now)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Runs\" WHERE \"Id\" = {runId} FOR UPDATE");
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId);
        if (run is null) return new(null, RsvpRefusal.NotFound);
        if (run.RefuseRsvp(now) is { } refusal) return new(null, refusal);
        if (await db.Rsvps.AnyAsync(r => r.RunId == runId && r.MemberId == memberId)) return new(null, RsvpRefusal.AlreadyGoing);
        if (run.Capacity is { } cap && await db.Rsvps.CountAsync(r => r.RunId == runId) >= cap) return new(null, RsvpRefusal.Full);
        var rsvp = run.AddRsvp(memberId, firstTime, now);
        try
        {
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException)
        {
            // Two taps at once: the unique index (one RSVP per member per run) kept the second out.
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            if (await db.Rsvps.AnyAsync(r => r.RunId == runId && r.MemberId == memberId)) return new(null, RsvpRefusal.AlreadyGoing);
            throw;
        }
        return new(rsvp, null);
    }

    /// <summary>Drops out of a run. Saying it twice is fine; nobody is scolded.</summary>
    public static async Task<RsvpRefusal?> CantMakeItAsync(AppDb db, int runId, string memberId, Instant now)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId);
        if (run is null) return RsvpRefusal.NotFound;
        if (run.HasStarted(now)) return RsvpRefusal.InThePast;
        await db.Rsvps.Where(r => r.RunId == runId && r.MemberId == memberId).ExecuteDeleteAsync();
        return null;
    }
}
