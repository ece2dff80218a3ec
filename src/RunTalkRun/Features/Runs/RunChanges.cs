using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// Applies a leader's change to one run (page and API alike): checked and saved with the run held, so
/// a cap can't be lowered under RSVPs arriving at the same moment; everyone on the run hears at once
/// when it is cancelled; a higher cap offers its new places to the waitlist.
/// </summary>
public class RunChanges(AppDb db, Rsvps rsvps, Outbox outbox, IClock clock)
{
    /// <summary>Applies the change, or returns what is wrong with it by field (and changes nothing).</summary>
    public async Task<Dictionary<string, string[]>> ApplyAsync(Run run, RunEdit edit, IReadOnlyCollection<MeetingPoint> meetingPoints)
    {
        var now = clock.GetCurrentInstant();
        var group = run.Group!;
        await using var tx = await rsvps.HoldRunAsync(run.Id);
        await db.Entry(run).ReloadAsync(); // as it is now that we hold it
        var held = await Rsvps.PlacesTakenAsync(db, run.Id);
        var errors = edit.Check(run, group, meetingPoints, held, now);
        if (errors.Count > 0) return errors;

        var wasCancelled = run.Status == RunStatus.Cancelled;
        edit.ApplyTo(run, group);
        await db.SaveChangesAsync();
        if (!wasCancelled && run.Status == RunStatus.Cancelled) await QueueCancelledAsync(run, group, now);
        else await rsvps.FillPlacesAsync(run, now);
        await tx.CommitAsync();
        outbox.Wake();
        return errors;
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
