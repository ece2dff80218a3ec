using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Data;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Ends a series after a date. Its later runs that nobody has said they're coming to are removed;
/// those with RSVPs are cancelled with a reason, so nobody turns up to an empty meeting point.
/// </summary>
public static class SeriesEnd
{
    public const string CancelReason = "This run series has ended. Check the group's page for its other runs.";

    public record Outcome(int Removed, int Cancelled);

    public static string? CheckDate(string? text, RunSeries series, Instant now, out LocalDate endsOn)
    {
        endsOn = default;
        var parsed = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        if (!parsed.Success) return "Give the date of the last run, like 2026-12-31.";
        var today = now.InZone(series.Group!.Zone).Date;
        if (parsed.Value < today) return "The series can't end in the past. Choose today or a later date.";
        if (DateWindow.CheckPlanned(parsed.Value, today, "The series' last day") is { } error) return error;
        endsOn = parsed.Value;
        return null;
    }

    public static async Task<Outcome> EndAsync(AppDb db, RunChanges changes, RunSeries series, LocalDate endsOn, Instant now)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var last = endsOn.ToDateOnly();
        series.EndsOn = last;
        var later = await db.Runs.Where(r => r.SeriesId == series.Id && r.SeriesDate > last && r.StartsAt > now)
            .Select(r => new { Run = r, Going = r.Rsvps.Count }).ToListAsync();
        var cancelled = new List<Run>();
        foreach (var l in later)
        {
            if (l.Going == 0) { db.Runs.Remove(l.Run); continue; }
            if (l.Run.Status == RunStatus.Cancelled) continue;
            l.Run.Status = RunStatus.Cancelled;
            l.Run.CancelReason = CancelReason;
            l.Run.CalendarSequence++;
            l.Run.ChangedAt = now;
            await changes.ForgetPendingAsync(l.Run, now);
            cancelled.Add(l.Run);
        }
        await db.SaveChangesAsync();
        foreach (var run in cancelled) await changes.QueueCancelledAsync(run, series.Group!, now);
        await tx.CommitAsync();
        changes.Wake();
        return new Outcome(later.Count(l => l.Going == 0), cancelled.Count);
    }
}
