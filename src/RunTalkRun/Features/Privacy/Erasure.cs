using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Privacy;

/// <summary>
/// The account that erased members' chat messages belong to: it has no email or password and can't sign
/// in; its nickname is all that shows ("deleted member").
/// </summary>
public static class DeletedMember
{
    public const string Id = "deleted-member";
    public const string Nickname = "deleted member";
}

/// <summary>
/// "Delete my account": the member's personal data is erased at once. Their places on upcoming runs are
/// freed for the waitlist; their chat messages stay as "deleted member: message deleted", without text;
/// the lines they had on registers not yet reduced become anonymous counts, so every count stays.
/// Everything else about them goes with the account row (the database's cascades): email, nickname,
/// password, emergency contact, consents, groups, RSVPs, rosters, applications, training, queued mail.
/// Concerns they raised and notes they wrote as a safeguarding lead stay, unattributed.
/// </summary>
public class Erasure(AppDb db, Rsvps rsvps, IClock clock, Talk.TalkPresence presence)
{
    /// <summary>Why this account can't be deleted yet, or null. Only one thing stops it: HQ would be left without an admin.</summary>
    public async Task<string?> RefusalAsync(string memberId) =>
        await db.Users.AnyAsync(u => u.Id == memberId && u.HqRole == HqRole.Admin)
        && !await db.Users.AnyAsync(u => u.Id != memberId && u.HqRole == HqRole.Admin)
            ? "You're HQ's only admin. Make someone else an admin on HQ's people page first, so HQ is never without one; then you can delete your account."
            : null;

    public async Task<bool> EraseAsync(string memberId)
    {
        if (memberId == DeletedMember.Id || !await db.Users.AnyAsync(u => u.Id == memberId)) return false;
        var now = clock.GetCurrentInstant();
        // Places on upcoming runs first, each run held in turn, so the next person waiting is offered it.
        var upcoming = await db.Rsvps.Where(r => r.MemberId == memberId && r.Run!.StartsAt > now).Select(r => r.RunId).ToListAsync();
        foreach (var runId in upcoming) await rsvps.CantMakeItAsync(runId, memberId);
        await EnsureDeletedMemberAsync();

        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Messages.Where(m => m.AuthorId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.AuthorId, DeletedMember.Id)
            .SetProperty(m => m.Text, "")
            .SetProperty(m => m.DeletedAt, m => m.DeletedAt ?? now)
            .SetProperty(m => m.EditedAt, (Instant?)null)
            .SetProperty(m => m.CrisisAt, (Instant?)null));
        await AnonymiseRegisterLinesAsync(db, memberId);
        await db.Users.Where(u => u.Id == memberId).ExecuteDeleteAsync();
        // Who they were is gone; that an account was deleted, and when, is kept (the id means nothing now).
        db.Record(memberId, "account.deleted", $"member:{memberId}", "", now);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await presence.EndMemberAsync(memberId); // their sessions went with the account; their live chat goes now
        return true;
    }

    /// <summary>
    /// The member's lines on registers not yet reduced to counts: a tick becomes an anonymous walk-in (so the
    /// run's count stays), and an unticked line goes.
    /// </summary>
    public static async Task AnonymiseRegisterLinesAsync(AppDb db, string memberId)
    {
        await db.RegisterEntries.Where(e => e.MemberId == memberId && !e.Present).ExecuteDeleteAsync();
        await db.RegisterEntries.Where(e => e.MemberId == memberId).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.MemberId, (string?)null)
            .SetProperty(e => e.Name, (string?)null));
    }

    async Task EnsureDeletedMemberAsync()
    {
        if (await db.Users.AnyAsync(u => u.Id == DeletedMember.Id)) return;
        db.Users.Add(new Member
        {
            Id = DeletedMember.Id,
            UserName = DeletedMember.Id,
            NormalizedUserName = DeletedMember.Id.ToUpperInvariant(),
            Nickname = DeletedMember.Nickname,
            SecurityStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
            JoinedAt = Instant.FromUnixTimeTicks(0),
            Mail = new Mail.MailPreferences { DayBefore = false, LeaderSummary = false, RunCancelled = false, PlaceOffered = false, CoverNeeded = false, TrainingExpiring = false },
        });
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe)) { } // made at the same moment by another erasure
        finally { db.ChangeTracker.Clear(); }
    }
}
