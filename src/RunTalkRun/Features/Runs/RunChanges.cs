using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Applies a leader's change to one run (page and API alike): checked and saved with the run held, so
/// a cap can't be lowered under RSVPs arriving at the same moment; everyone on the run hears at once
/// when it is cancelled; a higher cap offers its new places to the waitlist. A new time or meeting point,
/// or a reinstatement, is mailed a few minutes later (<see cref="RunChangeSettings"/>) to everyone with an
/// RSVP (going, offered or waiting) and the run's leaders, except whoever made the change: quick edits
/// become one mail with the final state, and a change undone in that time sends nothing.
/// </summary>
public class RunChanges(AppDb db, Rsvps rsvps, Outbox outbox, IClock clock, IOptions<RunChangeSettings> settings)
{
    /// <summary>Applies the change, or returns what is wrong with it by field (and changes nothing).</summary>
    /// <param name="changedBy">The member making the change: they aren't mailed about it.</param>
    public async Task<Dictionary<string, string[]>> ApplyAsync(Run run, RunEdit edit, IReadOnlyCollection<MeetingPoint> meetingPoints, string? changedBy = null)
    {
        var now = clock.GetCurrentInstant();
        var group = run.Group!;
        await using var tx = await rsvps.HoldRunAsync(run.Id);
        await db.Entry(run).ReloadAsync(); // as it is now that we hold it
        var held = await Rsvps.PlacesTakenAsync(db, run.Id);
        var errors = edit.Check(run, group, meetingPoints, held, now);
        if (errors.Count > 0) return errors;

        var wasCancelled = run.Status == RunStatus.Cancelled;
        var before = RunState.Of(run);
        edit.ApplyTo(run, group);
        var after = RunState.Of(run);
        if (after != before)
        {
            run.CalendarSequence++;
            run.ChangedAt = now;
        }
        if (!wasCancelled && run.Status == RunStatus.Cancelled)
        {
            await ForgetPendingAsync(run, now);
            await db.SaveChangesAsync();
            await QueueCancelledAsync(run, group, now);
        }
        else
        {
            if (after != before) await QueueChangedAsync(run, group, before, after, changedBy, now);
            await db.SaveChangesAsync();
            await rsvps.FillPlacesAsync(run, now);
        }
        await tx.CommitAsync();
        outbox.Wake();
        return errors;
    }

    /// <summary>
    /// Queues "your run has changed" for a few minutes from now, from the run as people last heard of it to the
    /// run as it is. While those mails wait, another change rewrites them (from the same starting point); when
    /// the run is back as it was, they are deleted. Inside the caller's transaction, with the run held.
    /// </summary>
    async Task QueueChangedAsync(Run run, Group group, RunState before, RunState after, string? changedBy, Instant now)
    {
        var pending = run.PendingNotice is { } open && open.DueAt > now ? open : null;
        if (pending is not null) await DropPendingAsync(run, now);
        var from = pending is null ? before : new RunState(pending.FromStartsAt, pending.FromMeetingPointId, pending.FromCancelled);
        if (after == from)
        {
            run.PendingNotice = null; // undone before anyone was told: nothing to tell
            return;
        }
        var notice = new RunChangeNotice
        {
            Since = pending?.Since ?? now,
            DueAt = now + Duration.FromMinutes(settings.Value.NoticeDelayMinutes),
            FromStartsAt = from.StartsAt, FromMeetingPointId = from.MeetingPointId, FromCancelled = from.Cancelled,
        };
        run.PendingNotice = notice;

        var rsvpers = await db.Rsvps.Where(r => r.RunId == run.Id).Select(r => r.Member!).ToListAsync();
        var leaders = await db.RunLeaders.Where(l => l.RunId == run.Id).Select(l => l.Member!).ToListAsync();
        var meetingPointIds = new[] { from.MeetingPointId, after.MeetingPointId }.OfType<int>().ToList();
        var places = await db.MeetingPoints.Where(m => meetingPointIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        var change = new RunChangeNews(
            from.StartsAt, after.StartsAt,
            from.MeetingPointId is { } oldMp && places.TryGetValue(oldMp, out var oldPlace) ? oldPlace : null,
            after.MeetingPointId is { } newMp && places.TryGetValue(newMp, out var newPlace) ? newPlace : null,
            from.MeetingPointId != after.MeetingPointId,
            from.Cancelled && !after.Cancelled);
        foreach (var member in rsvpers.Concat(leaders).DistinctBy(m => m.Id).Where(m => m.Id != changedBy))
        {
            var (subject, body) = RunNews.Changed(run, group, member, change, now, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail(PendingKey(run, notice.Since) + member.Id, MailKind.RunChanged, member, subject, body, group.Id, notice.DueAt), now);
        }
    }

    /// <summary>
    /// For a run being cancelled (before it is saved): the cancellation goes at once and says it all, so a change
    /// still waiting to be mailed is dropped. Inside the caller's transaction.
    /// </summary>
    public async Task ForgetPendingAsync(Run run, Instant now)
    {
        await DropPendingAsync(run, now);
        run.PendingNotice = null;
    }

    /// <summary>
    /// Deletes the change mails still waiting for this run. None has been taken by the sender, as they aren't due
    /// yet; should a sender on a clock running ahead have taken one, it is left to go, and the rewritten mail with
    /// the same key isn't queued for that person (the outbox keeps the first of a key).
    /// </summary>
    async Task DropPendingAsync(Run run, Instant now)
    {
        if (run.PendingNotice is not { } open || open.DueAt <= now) return;
        var prefix = PendingKey(run, open.Since);
        await db.OutboxMails.Where(m => m.Key.StartsWith(prefix) && m.SentAt == null && m.ClaimedBy == null).ExecuteDeleteAsync();
    }

    static string PendingKey(Run run, Instant since) => $"changed:{run.Id}:{since.ToUnixTimeMilliseconds()}:";

    /// <summary>What a run's change mail is about: when, where, and whether it is on.</summary>
    readonly record struct RunState(Instant StartsAt, int? MeetingPointId, bool Cancelled)
    {
        public static RunState Of(Run run) => new(run.StartsAt, run.MeetingPointId, run.Status == RunStatus.Cancelled);
    }

    /// <summary>Tells the mail sender to look now (after a commit).</summary>
    public void Wake() => outbox.Wake();

    /// <summary>Queues "your run is cancelled", with the reason, to everyone coming or waiting. Inside the caller's transaction.</summary>
    public async Task<int> QueueCancelledAsync(Run run, Group group, Instant now)
    {
        var people = await db.Rsvps.Where(r => r.RunId == run.Id).Select(r => r.Member!).ToListAsync();
        var queued = 0;
        foreach (var member in people)
        {
            var (subject, body) = RunNews.Cancelled(run, group, member, outbox.Links);
            // A run cancelled, reinstated and cancelled again is news twice: the moment is part of the key.
            if (await outbox.QueueAsync(db, new OutgoingMail($"cancelled:{run.Id}:{member.Id}:{now.ToUnixTimeSeconds()}", MailKind.RunCancelled, member, subject, body, group.Id), now))
                queued++;
        }
        return queued;
    }
}
