using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Privacy;

/// <summary>One consent as the member sees it: what it covers, whether it stands, and whether it can be withdrawn here.</summary>
public record ConsentState(ConsentKind Kind, string Slug, string Title, string Covers, bool Given, Instant? GivenAt, Instant? WithdrawnAt, string? Version, string? CantWithdraw);

/// <summary>Withdrawing a consent (and giving the attendance one again). Each withdrawal stops what the consent allowed, at once.</summary>
public class ConsentChoices(AppDb db, Rsvps rsvps, Leading.GroupRoles roles, IClock clock)
{
    public static string Slug(ConsentKind kind) => kind switch
    {
        ConsentKind.CommunityGuidelines => "guidelines",
        ConsentKind.AttendanceData => "attendance",
        ConsentKind.LeadersCode => "leaders-code",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static ConsentKind? KindFrom(string? slug) =>
        Shared.Slugs.Parse<ConsentKind>(slug, Slug);

    public async Task<List<ConsentState>> ForAsync(string memberId)
    {
        var all = await db.Consents.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.GivenAt).ToListAsync();
        var states = new List<ConsentState>();
        foreach (var kind in Enum.GetValues<ConsentKind>())
        {
            var latest = all.LastOrDefault(c => c.Kind == kind);
            if (kind == ConsentKind.LeadersCode && latest is null) continue; // only for people who applied to lead
            var given = latest is { WithdrawnAt: null };
            var (title, covers) = kind switch
            {
                ConsentKind.CommunityGuidelines => ("Our guidelines",
                    "You agreed to run at the pace of the slowest runner, listen rather than advise, keep what is said on a run to yourself, and leave nobody behind."),
                ConsentKind.AttendanceData => ("Keeping a note of the runs you come to",
                    ConsentTexts.AttendanceData),
                _ => ("The leaders' code", "You promised to lead as our leaders do: " + string.Join(" ", ConsentTexts.LeadersCode)),
            };
            string? cant = kind == ConsentKind.CommunityGuidelines
                ? "Agreeing to the guidelines is what being a member is. To withdraw it, delete your account."
                : null;
            states.Add(new ConsentState(kind, Slug(kind), title, covers, given, latest?.GivenAt, latest?.WithdrawnAt, latest?.TextVersion, cant));
        }
        return states;
    }

    /// <summary>
    /// Withdraws a consent. Attendance: upcoming places are freed, "I usually come" stops, and register lines
    /// become anonymous counts. The leaders' code: the member stops leading every group (not while they are a
    /// group's only organiser). Null, or why not (with the API's status).
    /// </summary>
    public async Task<(int Status, string Message)?> WithdrawAsync(string memberId, ConsentKind kind)
    {
        if (kind == ConsentKind.CommunityGuidelines)
            return (409, "Agreeing to the guidelines is what being a member is. To withdraw it, delete your account.");
        var standing = await db.Consents.Where(c => c.MemberId == memberId && c.Kind == kind && c.WithdrawnAt == null).ToListAsync();
        if (standing.Count == 0) return null; // already withdrawn, or never given: nothing to do
        var now = clock.GetCurrentInstant();
        if (kind == ConsentKind.LeadersCode)
        {
            var leading = await db.Memberships.Include(m => m.Group).Where(m => m.MemberId == memberId && m.Role != GroupRole.Member).ToListAsync();
            foreach (var m in leading.Where(m => m.Role == GroupRole.Organiser))
                if (!await db.Memberships.AnyAsync(o => o.GroupId == m.GroupId && o.Role == GroupRole.Organiser && o.MemberId != memberId))
                    return (409, $"You're {m.Group!.Name}'s only organiser. Make someone else an organiser first, so the group is never without one; then you can withdraw.");
            foreach (var m in leading)
                if (await roles.ChangeAsync(m.Group!, memberId, GroupRole.Member, memberId, now) is { } refusal)
                    return (refusal.Status, refusal.Message);
        }
        if (kind == ConsentKind.AttendanceData)
        {
            await db.SeriesRsvps.Where(s => s.MemberId == memberId).ExecuteDeleteAsync();
            var upcoming = await db.Rsvps.Where(r => r.MemberId == memberId && r.Run!.StartsAt > now).Select(r => r.RunId).ToListAsync();
            foreach (var runId in upcoming) await rsvps.CantMakeItAsync(runId, memberId);
            await Erasure.AnonymiseRegisterLinesAsync(db, memberId);
        }
        db.ChangeTracker.Clear();
        await db.Consents.Where(c => c.MemberId == memberId && c.Kind == kind && c.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAt, now));
        return null;
    }

    /// <summary>Gives the attendance consent again (the current wording). The others come with signing up or applying to lead.</summary>
    public async Task<(int Status, string Message)?> GiveAsync(string memberId, ConsentKind kind)
    {
        if (kind != ConsentKind.AttendanceData)
            return (409, kind == ConsentKind.LeadersCode
                ? "The leaders' code is agreed when you apply to lead. To lead again, apply on the \"Lead runs\" page."
                : "You agreed to the guidelines when you signed up.");
        if (await rsvps.ConsentsToAttendanceAsync(memberId)) return null;
        db.Consents.Add(Consent.Give(memberId, kind, clock.GetCurrentInstant()));
        await db.SaveChangesAsync();
        return null;
    }
}
