using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Jobs;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// The regular work about runs: pass on offers whose time ran out, queue reminders and the leaders'
/// summary when they fall due. Each pass looks at what is due now rather than at what changed, so work
/// that fell due while every instance was down is done at the next start; the outbox's unique keys make
/// a second instance (or a second pass) queue nothing twice. Also reduces old registers to counts.
/// </summary>
public class RunJobs(AppDb db, Rsvps rsvps, Outbox outbox, IClock clock, IOptions<JobSettings> settings)
{
    public static readonly Duration DayBeforeLead = Duration.FromHours(24);
    public static readonly Duration TwoHoursLead = Duration.FromHours(2);
    /// <summary>The leaders' summary goes at 07:00 on the day, or 3 hours before an earlier run.</summary>
    public static readonly LocalTime SummaryTime = new(7, 0);
    public static readonly Duration SummaryLead = Duration.FromHours(3);

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var done = await rsvps.PassOnExpiredOffersAsync(ct);
        done += await QueueRemindersAsync(dayBefore: true, ct);
        done += await QueueRemindersAsync(dayBefore: false, ct);
        done += await QueueLeaderSummariesAsync(ct);
        done += await QueueNoLeaderAlertsAsync(ct);
        done += await QueueTrainingRemindersAsync(ct);
        if (done > 0) outbox.Wake();
        done += await RunRegister.ReduceOldRegistersAsync(db, clock.GetCurrentInstant(), settings.Value.RegisterRetentionDays, ct);
        return done;
    }

    /// <summary>
    /// The day-before reminder (for runs starting in 2 to 24 hours) or the two-hour one (for those who
    /// asked for it), to everyone going who said so before the reminder fell due.
    /// </summary>
    public async Task<int> QueueRemindersAsync(bool dayBefore, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var lead = dayBefore ? DayBeforeLead : TwoHoursLead;
        var latest = now + lead;
        var earliest = dayBefore ? now + TwoHoursLead : now;
        var prefix = dayBefore ? "day-before" : "two-hours";
        var candidates = await db.Rsvps.AsNoTracking()
            .Where(r => r.Status == RsvpStatus.Going && r.Run!.Status == RunStatus.Scheduled && r.Run.StartsAt > earliest && r.Run.StartsAt <= latest)
            .Where(r => dayBefore ? r.Member!.Mail.DayBefore : r.Member!.Mail.TwoHoursBefore)
            .Select(r => new { r.RunId, r.MemberId, r.CreatedAt, r.Run!.StartsAt })
            .ToListAsync(ct);
        // Someone who said "I'm coming" after the reminder fell due has just been thinking about the run.
        var due = candidates.Where(c => c.CreatedAt <= c.StartsAt - lead)
            .Select(c => (c.RunId, c.MemberId, Key: $"{prefix}:{c.RunId}:{c.MemberId}")).ToList();
        var queued = 0;
        foreach (var (runId, memberId, key) in await NotQueuedAsync(due, d => d.Key, ct))
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).SingleAsync(r => r.Id == runId, ct);
            var member = await db.Users.SingleAsync(u => u.Id == memberId, ct);
            var (subject, body) = RunNews.Reminder(run, run.Group!, member, dayBefore, outbox.Links);
            if (await outbox.QueueAsync(db, new OutgoingMail(key, dayBefore ? MailKind.DayBefore : MailKind.TwoHoursBefore, member, subject, body, run.GroupId), now)) queued++;
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    /// <summary>How long before a run with nobody on its roster its group's organisers are told.</summary>
    public static readonly Duration NoLeaderLead = Duration.FromHours(48);

    /// <summary>
    /// A run starting within 48 hours with no leader on its roster: its group's organisers are told (or,
    /// in a group with no organiser, its leaders), once per run.
    /// </summary>
    public async Task<int> QueueNoLeaderAlertsAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var horizon = now + NoLeaderLead;
        var runs = await db.Runs.AsNoTracking().Include(r => r.Group)
            .Where(r => r.Status == RunStatus.Scheduled && r.StartsAt > now && r.StartsAt <= horizon && !r.Leaders.Any())
            .ToListAsync(ct);
        if (runs.Count == 0) return 0;
        var groupIds = runs.Select(r => r.GroupId).Distinct().ToList();
        var leaders = await db.Memberships.Leading().Where(m => groupIds.Contains(m.GroupId))
            .Select(m => new { m.GroupId, m.MemberId, m.Role }).ToListAsync(ct);
        var due = runs.SelectMany(r =>
        {
            var group = leaders.Where(l => l.GroupId == r.GroupId).ToList();
            var told = group.Any(l => l.Role == GroupRole.Organiser) ? group.Where(l => l.Role == GroupRole.Organiser) : group;
            return told.Select(l => (Run: r, l.MemberId, Key: $"no-leader:{r.Id}:{l.MemberId}"));
        }).ToList();
        var queued = 0;
        foreach (var (run, memberId, key) in await NotQueuedAsync(due, d => d.Key, ct))
        {
            var organiser = await db.Users.SingleAsync(u => u.Id == memberId, ct);
            var (subject, body) = Leading.RosterNews.NoLeader(run, run.Group!, organiser, outbox.Links);
            if (await outbox.QueueAsync(db, new OutgoingMail(key, MailKind.NoLeader, organiser, subject, body, run.GroupId), now)) queued++;
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    /// <summary>A month before a leader's course runs out, a reminder to them (once per record and date).</summary>
    public async Task<int> QueueTrainingRemindersAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date.ToDateOnly();
        var until = today.AddDays(Leading.TrainingRecords.ReminderDays);
        var expiring = await db.TrainingRecords.AsNoTracking()
            .Where(t => t.ExpiresOn != null && t.ExpiresOn >= today && t.ExpiresOn <= until).ToListAsync(ct);
        var due = expiring.Select(t => (Record: t, Key: $"training:{t.Id}:{t.ExpiresOn:yyyy-MM-dd}")).ToList();
        var queued = 0;
        foreach (var (record, key) in await NotQueuedAsync(due, d => d.Key, ct))
        {
            var member = await db.Users.SingleAsync(u => u.Id == record.MemberId, ct);
            var when = Time.TimeText.Date(record.ExpiresOn!.Value);
            var body = $"""
                Hi {member.Nickname},

                Your {record.Name} runs out on {when}. If you'd like to keep leading with it current, now is a good time to book a refresher.
                When you've done it, add it to your record:
                {outbox.Links.Absolute("/account/training")}

                Thank you for leading.
                """;
            if (await outbox.QueueAsync(db, new OutgoingMail(key, MailKind.TrainingExpiring, member, $"Your {record.Name} runs out on {when}", body), now)) queued++;
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    /// <summary>The leaders' "7 coming, 2 first-timers" on the day of each run: to those on its roster, or to all the group's leaders if nobody is.</summary>
    public async Task<int> QueueLeaderSummariesAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var horizon = now.Plus(Duration.FromHours(18));
        var runs = await db.Runs.AsNoTracking().Include(r => r.Group)
            .Where(r => r.Status == RunStatus.Scheduled && r.StartsAt > now && r.StartsAt <= horizon)
            .ToListAsync(ct);
        runs = runs.Where(r => SummaryDue(r, r.Group!) <= now).ToList();
        if (runs.Count == 0) return 0;
        var groupIds = runs.Select(r => r.GroupId).Distinct().ToList();
        var leaders = await db.Memberships.Leading().Where(m => groupIds.Contains(m.GroupId) && m.Member!.Mail.LeaderSummary)
            .Select(m => new { m.GroupId, m.MemberId }).ToListAsync(ct);
        var runIds = runs.Select(r => r.Id).ToList();
        var rostered = (await db.RunLeaders.Where(l => runIds.Contains(l.RunId)).Select(l => new { l.RunId, l.MemberId }).ToListAsync(ct))
            .ToLookup(l => l.RunId, l => l.MemberId);
        var due = (from r in runs
                   join l in leaders on r.GroupId equals l.GroupId
                   where !rostered[r.Id].Any() || rostered[r.Id].Contains(l.MemberId)
                   select (Run: r, l.MemberId, Key: $"leader-summary:{r.Id}:{l.MemberId}")).ToList();
        var queued = 0;
        foreach (var (run, leaderId, key) in await NotQueuedAsync(due, d => d.Key, ct))
        {
            var counts = await db.Rsvps.Where(r => r.RunId == run.Id).GroupBy(r => 1).Select(g => new
            {
                Going = g.Count(r => r.Status == RsvpStatus.Going),
                Waiting = g.Count(r => r.Status != RsvpStatus.Going),
            }).SingleOrDefaultAsync(ct);
            var firstTimers = await db.Rsvps.Where(r => r.RunId == run.Id).Going().FirstTime(db).CountAsync(ct);
            var leader = await db.Users.SingleAsync(u => u.Id == leaderId, ct);
            var (subject, body) = RunNews.LeaderSummary(run, run.Group!, leader, counts?.Going ?? 0, firstTimers, counts?.Waiting ?? 0, outbox.Links);
            if (await outbox.QueueAsync(db, new OutgoingMail(key, MailKind.LeaderSummary, leader, subject, body, run.GroupId), now)) queued++;
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    /// <summary>07:00 on the run's day in its group's time, or 3 hours before the start if that is earlier.</summary>
    public static Instant SummaryDue(Run run, Group group)
    {
        var start = run.StartsAt;
        var morning = run.LocalStart(group.Zone).Date.At(SummaryTime).InZoneLeniently(group.Zone).ToInstant();
        var beforeStart = start - SummaryLead;
        return morning < beforeStart ? morning : beforeStart;
    }

    /// <summary>The items whose mail is not in the outbox yet (a cheap check; the unique key is the guarantee).</summary>
    async Task<List<T>> NotQueuedAsync<T>(List<T> items, Func<T, string> key, CancellationToken ct)
    {
        var queued = new HashSet<string>();
        foreach (var chunk in items.Select(key).Chunk(500))
            queued.UnionWith(await db.OutboxMails.Where(m => chunk.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct));
        return items.Where(i => !queued.Contains(key(i))).ToList();
    }
}
