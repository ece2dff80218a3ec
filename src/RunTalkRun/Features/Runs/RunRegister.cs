using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>One line of the register as the run's leaders see it.</summary>
public record RegisterLine(int? RsvpId, int? WalkInId, string Name, bool FirstTime, bool Present, string? EmergencyName, string? EmergencyPhone);

/// <summary>
/// The register: the leader ticks who turned up, adds walk-ins, and counts everyone out at the start
/// and back in at the end (not on a virtual run: everyone runs wherever they are, so its register is attendance only). For safety, never for performance. Open from 30 minutes before the start
/// until 12 hours after; emergency contacts show on the run's own day only.
/// </summary>
public static class RunRegister
{
    public static readonly Duration OpensBefore = Duration.FromMinutes(30);
    public static readonly Duration ClosesAfter = Duration.FromHours(12);
    public const int MaxHeadcount = 500;

    public static Instant OpensAt(Run run) => run.StartsAt - OpensBefore;

    /// <summary>Why the register can't be written now, or null when it can.</summary>
    public static string? Refusal(Run run, Group group, Instant now)
    {
        if (run.Status == RunStatus.Cancelled) return "This run was cancelled, so it has no register.";
        if (run.RegisterReducedAt is not null) return "This register has been reduced to counts, as it is older than the time we keep registers for.";
        if (now < OpensAt(run))
            return $"The register opens 30 minutes before the run starts, at {Time.TimeText.Time(OpensAt(run), Time.TimePlace.Of(group))} on {Time.TimeText.DayNoYear(run.StartsAt, Time.TimePlace.Of(group))}.";
        if (now > run.StartsAt + ClosesAfter) return "The register for this run has closed: it is open until 12 hours after the start.";
        return null;
    }

    /// <summary>On the run's own day, in its group's time zone.</summary>
    public static bool EmergencyContactsShown(Run run, Group group, Instant now) =>
        now.InZone(group.Zone).Date == run.LocalStart(group.Zone).Date;

    /// <summary>The lines of the register: people going (ticked or not), then walk-ins. Every read is audit-logged.</summary>
    public static async Task<List<RegisterLine>> ReadAsync(AppDb db, Run run, Group group, string readerId, Instant now)
    {
        var contacts = EmergencyContactsShown(run, group, now);
        var firstTime = await db.Rsvps.Where(r => r.RunId == run.Id).Going().FirstTimeIdsAsync(db);
        var going = (await db.Rsvps.AsNoTracking().Where(r => r.RunId == run.Id).Going()
            .Select(r => new
            {
                r.Id, r.Member!.Nickname, r.Member.EmergencyContactName, r.Member.EmergencyContactPhone,
                Present = db.RegisterEntries.Any(e => e.RunId == run.Id && e.MemberId == r.MemberId && e.Present),
            }).ToListAsync())
            .Select(r => new { r.Id, r.Nickname, FirstTime = firstTime.Contains(r.Id), r.EmergencyContactName, r.EmergencyContactPhone, r.Present })
            .OrderByDescending(r => r.FirstTime).ThenBy(r => r.Nickname, StringComparer.Ordinal).ToList();
        var walkIns = await db.RegisterEntries.AsNoTracking().Where(e => e.RunId == run.Id && e.MemberId == null).OrderBy(e => e.Id).ToListAsync();
        var lines = going.Select(g => new RegisterLine(g.Id, null, g.Nickname, g.FirstTime, g.Present,
                contacts ? g.EmergencyContactName : null, contacts ? g.EmergencyContactPhone : null))
            .Concat(walkIns.Select(w => new RegisterLine(null, w.Id, w.Name ?? "Walk-in", w.FirstTime, w.Present, null, null)))
            .ToList();
        var shownContacts = lines.Count(l => l.EmergencyPhone is not null);
        db.Record(readerId, "read-register", $"run:{run.Id}", $"{lines.Count} line(s); {shownContacts} emergency contact(s) shown", now);
        await db.SaveChangesAsync();
        return lines;
    }

    /// <summary>Everyone there: the ticked, the walk-ins by name, and the walk-ins counted without one.</summary>
    public static int Total(IEnumerable<RegisterLine> lines, Run run) => lines.Count(l => l.Present) + run.WalkInCount;

    /// <summary>Checks a change to the register, by field; empty when it can be saved.</summary>
    public static Dictionary<string, string[]> Check(Run run, int? startHeadcount, int? endHeadcount, int? walkInCount)
    {
        var errors = new Dictionary<string, string[]>();
        if (startHeadcount is < 0 or > MaxHeadcount) errors["startHeadcount"] = [$"The start headcount must be between 0 and {MaxHeadcount}."];
        if (endHeadcount is < 0 or > MaxHeadcount) errors["endHeadcount"] = [$"The end headcount must be between 0 and {MaxHeadcount}."];
        if (walkInCount is < 0 or > MaxHeadcount) errors["walkInCount"] = [$"The number of walk-ins must be between 0 and {MaxHeadcount}."];
        if (run.IsVirtual)
        {
            const string noHeadcount = "A virtual run has no headcount: everyone runs wherever they are. Tick who joined the talk instead.";
            if (startHeadcount is not null) errors["startHeadcount"] = [noHeadcount];
            if (endHeadcount is not null) errors["endHeadcount"] = [noHeadcount];
            return errors;
        }
        var start = startHeadcount ?? run.StartHeadcount;
        if (endHeadcount is { } end && !errors.ContainsKey("endHeadcount"))
        {
            if (start is null) errors["endHeadcount"] = ["Take the start headcount first: count everyone before you set off."];
            else if (end > start) errors["endHeadcount"] = [$"The end headcount can't be more than the {start} who set off. Count again, or correct the start headcount if someone joined on the way."];
        }
        return errors;
    }

    /// <summary>Ticks exactly these people (by RSVP id) as there; everyone else going is unticked.</summary>
    public static async Task<string?> SetPresentAsync(AppDb db, Run run, IReadOnlyCollection<int> presentRsvpIds, Instant now)
    {
        var firstTime = await db.Rsvps.Where(r => r.RunId == run.Id).Going().FirstTimeIdsAsync(db);
        var going = (await db.Rsvps.Where(r => r.RunId == run.Id).Going().Select(r => new { r.Id, r.MemberId }).ToListAsync())
            .Select(r => new { r.Id, r.MemberId, FirstTime = firstTime.Contains(r.Id) }).ToList();
        var unknown = presentRsvpIds.Except(going.Select(g => g.Id)).ToList();
        if (unknown.Count > 0) return $"These aren't people coming to this run: {string.Join(", ", unknown.Take(5))}.";
        var entries = await db.RegisterEntries.Where(e => e.RunId == run.Id && e.MemberId != null).ToDictionaryAsync(e => e.MemberId!);
        foreach (var g in going)
        {
            var present = presentRsvpIds.Contains(g.Id);
            if (!entries.TryGetValue(g.MemberId, out var entry))
            {
                if (!present) continue;
                entry = new RegisterEntry { RunId = run.Id, MemberId = g.MemberId, FirstTime = g.FirstTime };
                db.RegisterEntries.Add(entry);
            }
            entry.Present = present;
            entry.UpdatedAt = now;
        }
        return null;
    }

    /// <summary>Checks a walk-in's first name (optional); null when fine.</summary>
    public static string? CheckWalkInName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length > RegisterEntry.NameMaxLength) return $"The first name must be {RegisterEntry.NameMaxLength} characters or fewer. It has {name.Length}.";
        if (name.Any(char.IsControl)) return "The first name can't contain control characters.";
        return null;
    }

    public static RegisterEntry AddWalkIn(AppDb db, Run run, string? name, bool firstTime, Instant now)
    {
        var entry = new RegisterEntry { RunId = run.Id, Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(), FirstTime = firstTime, Present = true, UpdatedAt = now };
        db.RegisterEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// After the retention period, a run's register becomes counts only (everyone there, first-timers);
    /// the names, ticks and RSVPs go. For the background jobs.
    /// </summary>
    public static async Task<int> ReduceOldRegistersAsync(AppDb db, Instant now, int retentionDays, CancellationToken ct = default)
    {
        var cutoff = now.Minus(Duration.FromDays(retentionDays));
        var runs = await db.Runs.Where(r => r.StartsAt < cutoff && r.RegisterReducedAt == null).OrderBy(r => r.StartsAt).Take(500).ToListAsync(ct);
        foreach (var run in runs)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var entries = await db.RegisterEntries.Where(e => e.RunId == run.Id && e.Present).Select(e => new { e.FirstTime }).ToListAsync(ct);
            var recorded = entries.Count + run.WalkInCount;
            run.RegisterTotal = recorded > 0 ? recorded : run.StartHeadcount;
            run.RegisterFirstTimers = recorded > 0 ? entries.Count(e => e.FirstTime) : null;
            run.RegisterReducedAt = now;
            await db.RegisterEntries.Where(e => e.RunId == run.Id).ExecuteDeleteAsync(ct);
            await db.Rsvps.Where(r => r.RunId == run.Id).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return runs.Count;
    }
}
