using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// Who leads which run: putting leaders on runs and series, asking for cover and taking it. The same
/// rules for the roster page and the API; each refusal is a sentence a leader can act on.
/// </summary>
public class Roster(AppDb db, Outbox outbox, IClock clock)
{
    /// <summary>Why a roster change was refused: Status 400 for a bad choice, 404 for no such thing, 409 for the state of the run.</summary>
    public record Refusal(int Status, string Field, string Message);

    public static Refusal Invalid(string field, string message) => new(400, field, message);
    static Refusal Conflict(string message) => new(409, "", message);

    /// <summary>A group's leaders and organisers, by nickname.</summary>
    public Task<List<Member>> LeadersOfAsync(int groupId) =>
        db.Memberships.Leading().Where(m => m.GroupId == groupId).Select(m => m.Member!).OrderBy(m => m.Nickname).ToListAsync();

    async Task<Refusal?> CheckLeaderAsync(int groupId, string? memberId, string groupName)
    {
        if (string.IsNullOrEmpty(memberId)) return Invalid("memberId", "Choose a leader.");
        if (!await db.Memberships.Leading().AnyAsync(m => m.GroupId == groupId && m.MemberId == memberId))
            return Invalid("memberId", $"Only {groupName}'s leaders can be put on its runs. An organiser can make someone a leader on the group's people page.");
        return null;
    }

    static Refusal? CheckRun(Run run, Instant now) =>
        run.Status == RunStatus.Cancelled ? Conflict("This run is cancelled.")
        : run.HasStarted(now) ? Conflict("This run has already started.")
        : null;

    public async Task<Refusal?> AssignAsync(Run run, string? memberId, Group group)
    {
        var now = clock.GetCurrentInstant();
        if (CheckRun(run, now) is { } closed) return closed;
        if (await CheckLeaderAsync(run.GroupId, memberId, group.Name) is { } notLeader) return notLeader;
        if (await db.RunLeaders.AnyAsync(l => l.RunId == run.Id && l.MemberId == memberId)) return Conflict("They're already leading this run.");
        await using var tx = await db.Database.BeginTransactionAsync();
        db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = memberId!, AddedAt = now });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { db.ChangeTracker.Clear(); return Conflict("They're already leading this run."); }
        // Cover wanted on this run is answered: someone who asked and is back closes their own request;
        // anyone else put on it covers the oldest request, and its asker is told.
        var open = await db.CoverRequests.Include(c => c.AskedBy).Where(c => c.RunId == run.Id && c.Status == CoverStatus.Open).OrderBy(c => c.AskedAt).ToListAsync();
        if (open.FirstOrDefault(c => c.AskedById == memberId) is { } own)
            await db.CoverRequests.Where(c => c.Id == own.Id && c.Status == CoverStatus.Open).ExecuteUpdateAsync(x => x.SetProperty(c => c.Status, CoverStatus.Closed));
        else if (open.FirstOrDefault() is { } other)
            await CoverAsync(other, await db.Users.SingleAsync(u => u.Id == memberId), run, group, now);
        await tx.CommitAsync();
        outbox.Wake();
        return null;
    }

    public async Task<Refusal?> RemoveAsync(Run run, string? memberId)
    {
        if (CheckRun(run, clock.GetCurrentInstant()) is { } closed) return closed;
        var removed = await db.RunLeaders.Where(l => l.RunId == run.Id && l.MemberId == memberId).ExecuteDeleteAsync();
        return removed == 0 ? new Refusal(404, "memberId", "They aren't on this run's roster.") : null;
    }

    /// <summary>"I can't lead this one": off the roster, and the group's other leaders are asked by mail.</summary>
    public async Task<(CoverRequest? Request, Refusal? Refusal)> AskForCoverAsync(Run run, Group group, Member asker, string? reason)
    {
        var now = clock.GetCurrentInstant();
        if (CheckRun(run, now) is { } closed) return (null, closed);
        var text = ApplicationRequest.Clean(reason);
        if (text.Length > CoverRequest.ReasonMaxLength) return (null, Invalid("reason", $"Keep the reason to {CoverRequest.ReasonMaxLength} characters or fewer."));
        await using var tx = await db.Database.BeginTransactionAsync();
        var off = await db.RunLeaders.Where(l => l.RunId == run.Id && l.MemberId == asker.Id).ExecuteDeleteAsync();
        if (off == 0) return (null, Conflict("You aren't on this run's roster, so there's nothing to cover."));
        var request = new CoverRequest { RunId = run.Id, AskedById = asker.Id, Reason = text.Length == 0 ? null : text, AskedAt = now };
        db.CoverRequests.Add(request);
        await db.SaveChangesAsync();
        foreach (var leader in (await LeadersOfAsync(run.GroupId)).Where(l => l.Id != asker.Id))
        {
            var (subject, body) = RosterNews.CoverNeeded(run, group, asker, request, leader, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"cover:{request.Id}:{leader.Id}", MailKind.CoverNeeded, leader, subject, body, group.Id), now);
        }
        await tx.CommitAsync();
        outbox.Wake();
        return (request, null);
    }

    /// <summary>"I'll lead it": the first leader to tap takes the oldest open request; the asker is told.</summary>
    public async Task<(CoverRequest? Request, Refusal? Refusal)> TakeCoverAsync(Run run, Group group, Member taker)
    {
        var now = clock.GetCurrentInstant();
        if (CheckRun(run, now) is { } closed) return (null, closed);
        if (await CheckLeaderAsync(run.GroupId, taker.Id, group.Name) is { } notLeader) return (null, notLeader);
        if (await db.RunLeaders.AnyAsync(l => l.RunId == run.Id && l.MemberId == taker.Id)) return (null, Conflict("You're already leading this run."));
        var open = await db.CoverRequests.Include(c => c.AskedBy).Where(c => c.RunId == run.Id && c.Status == CoverStatus.Open && c.AskedById != taker.Id)
            .OrderBy(c => c.AskedAt).FirstOrDefaultAsync();
        if (open is null) return (null, Conflict("Nobody needs cover for this run any more: someone has taken it. Thank you all the same."));
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await CoverAsync(open, taker, run, group, now)) return (null, Conflict("Someone else took it a moment ago. Thank you all the same."));
        db.RunLeaders.Add(new RunLeader { RunId = run.Id, MemberId = taker.Id, AddedAt = now });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        outbox.Wake();
        open.Status = CoverStatus.Taken;
        return (open, null);
    }

    /// <summary>
    /// Marks an open request taken by <paramref name="taker"/> (a conditional update: of two at once, one
    /// wins) and queues the asker's "Covered" mail, in the caller's transaction. False if it was no longer open.
    /// </summary>
    async Task<bool> CoverAsync(CoverRequest request, Member taker, Run run, Group group, Instant now)
    {
        var taken = await db.CoverRequests.Where(c => c.Id == request.Id && c.Status == CoverStatus.Open)
            .ExecuteUpdateAsync(x => x.SetProperty(c => c.Status, CoverStatus.Taken).SetProperty(c => c.TakenById, taker.Id).SetProperty(c => c.TakenAt, now));
        if (taken == 0) return false;
        var (subject, body) = RosterNews.CoverTaken(run, group, request.AskedBy!, taker, outbox.Links);
        await outbox.QueueAsync(db, new OutgoingMail($"cover-taken:{request.Id}", MailKind.CoverNeeded, request.AskedBy!, subject, body, group.Id), now);
        return true;
    }

    /// <summary>Usually leads the series: on the roster of its upcoming runs now, and of each new one.</summary>
    public async Task<Refusal?> AddSeriesLeaderAsync(RunSeries series, string? memberId, Group group)
    {
        if (await CheckLeaderAsync(series.GroupId, memberId, group.Name) is { } notLeader) return notLeader;
        if (await db.SeriesLeaders.AnyAsync(s => s.SeriesId == series.Id && s.MemberId == memberId)) return Conflict("They already usually lead this series.");
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        db.SeriesLeaders.Add(new SeriesLeader { SeriesId = series.Id, MemberId = memberId!, AddedAt = now });
        var upcoming = await db.Runs.Where(r => r.SeriesId == series.Id && r.StartsAt > now && r.Status == RunStatus.Scheduled
            && !r.Leaders.Any(l => l.MemberId == memberId)).Select(r => r.Id).ToListAsync();
        db.RunLeaders.AddRange(upcoming.Select(id => new RunLeader { RunId = id, MemberId = memberId!, FromSeries = true, AddedAt = now }));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { db.ChangeTracker.Clear(); return Conflict("They already usually lead this series."); }
        await tx.CommitAsync();
        return null;
    }

    /// <summary>No longer usually leads it: off the upcoming runs the series put them on.</summary>
    public async Task<Refusal?> RemoveSeriesLeaderAsync(RunSeries series, string? memberId)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        var removed = await db.SeriesLeaders.Where(s => s.SeriesId == series.Id && s.MemberId == memberId).ExecuteDeleteAsync();
        if (removed == 0) return new Refusal(404, "memberId", "They don't usually lead this series.");
        await db.RunLeaders.Where(l => l.MemberId == memberId && l.FromSeries && l.Run!.SeriesId == series.Id && l.Run.StartsAt > now).ExecuteDeleteAsync();
        await tx.CommitAsync();
        return null;
    }

    /// <summary>The leaders on each run's roster, by nickname.</summary>
    public static async Task<Dictionary<int, List<string>>> NicknamesAsync(AppDb db, IReadOnlyCollection<int> runIds) =>
        (await db.RunLeaders.Where(l => runIds.Contains(l.RunId)).Select(l => new { l.RunId, l.Member!.Nickname }).ToListAsync())
            .GroupBy(l => l.RunId).ToDictionary(g => g.Key, g => g.Select(l => l.Nickname).Order(StringComparer.CurrentCulture).ToList());
}
