using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// Who is an organiser, a leader or a member of a group. Organisers (and HQ admins) decide; a group
/// always keeps at least one organiser; every change is audit-logged and told to the organisers.
/// </summary>
public class GroupRoles(AppDb db, Outbox outbox, Talk.TalkPresence presence)
{
    public record Person(string MemberId, string Nickname, GroupRole Role, Instant JoinedAt);

    public static GroupRole? Parse(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "member" => GroupRole.Member,
        "leader" => GroupRole.Leader,
        "organiser" or "organizer" => GroupRole.Organiser,
        _ => null,
    };

    public static string Name(GroupRole role) => role.ToString().ToLowerInvariant();

    public static string WithArticle(GroupRole role) => role switch { GroupRole.Organiser => "an organiser", GroupRole.Leader => "a leader", _ => "a member" };

    public static Task<List<Person>> PeopleAsync(AppDb db, int groupId) =>
        db.Memberships.AsNoTracking().Where(m => m.GroupId == groupId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.Member!.Nickname)
            .Select(m => new Person(m.MemberId, m.Member!.Nickname, m.Role, m.JoinedAt)).ToListAsync();

    /// <summary>
    /// A group's people, with each leader's training in a line, for its organisers and HQ admins: the read
    /// is audit-logged (it says who belongs to a mental-health group).
    /// </summary>
    public static async Task<(List<Person> People, Dictionary<string, string> Training)> ReadAsync(AppDb db, Group group, string actorId, Instant now)
    {
        var people = await PeopleAsync(db, group.Id);
        var training = await TrainingRecords.StatusByMemberAsync(db, people.Where(p => p.Role != GroupRole.Member).Select(p => p.MemberId).ToList(), now);
        db.Record(actorId, "people-read", $"group:{group.Id}", $"{people.Count} people", now);
        await db.SaveChangesAsync();
        return (people, training);
    }

    /// <summary>
    /// Changes a member's role. Null, or a refusal (404: not in the group; 403: a bigger role for oneself, or for
    /// someone at HQ from outside the group; 409: the last organiser). Nobody raises their own role: it comes from
    /// another organiser of the group or, for a group with none, from an HQ admin. Someone with an HQ role is
    /// raised by the group's own organisers only (HQ never gives itself a way into who comes to runs). Every change
    /// is audit-logged, the group's organisers are told by mail, and the member's chat rooms are checked again.
    /// </summary>
    public async Task<Roster.Refusal?> ChangeAsync(Group group, string? memberId, GroupRole role, string actorId, Instant now)
    {
        var refusal = await ChangeHeldAsync(group, memberId, role, actorId, now);
        if (refusal is null && memberId is not null)
        {
            outbox.Wake();
            await presence.RecheckAsync(memberId);
        }
        return refusal;
    }

    async Task<Roster.Refusal?> ChangeHeldAsync(Group group, string? memberId, GroupRole role, string actorId, Instant now)
    {
        // Hold the group while counting its organisers, so two organisers stepping down at once can't leave none.
        await using var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Groups\" WHERE \"Id\" = {group.Id} FOR UPDATE");
        var membership = await db.Memberships.Include(m => m.Member).SingleOrDefaultAsync(m => m.GroupId == group.Id && m.MemberId == memberId);
        if (membership is null) return new(404, "memberId", $"They aren't a member of {group.Name}.");
        if (membership.Role == role) return null;
        var organisers = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == GroupRole.Organiser).Select(m => m.MemberId).ToListAsync();
        if (role > membership.Role)
        {
            if (membership.MemberId == actorId)
                return new(403, "role", organisers.Count > 0
                    ? $"You can't give yourself a bigger role. Ask another organiser of {group.Name}."
                    : $"You can't give yourself a bigger role. {group.Name} has no organiser, so another HQ admin can.");
            if (membership.Member!.IsHq && organisers.Count > 0 && !organisers.Contains(actorId))
                return new(403, "role", $"{membership.Member.Nickname} has an HQ role, so only an organiser of {group.Name} can give them a bigger role in it.");
        }
        if (membership.Role == GroupRole.Organiser && organisers.Count == 1)
            return new(409, "role", $"{membership.Member!.Nickname} is {group.Name}'s only organiser. Make someone else an organiser first, so the group is never without one.");
        var was = membership.Role;
        membership.Role = role;
        db.Record(actorId, "role-change", $"member:{membership.MemberId}", $"{was} to {role} in group {group.Id}", now);
        await db.SaveChangesAsync();
        if (role == GroupRole.Member)
        {
            // No longer leading: off the series they usually led and the group's upcoming runs.
            await db.SeriesLeaders.Where(s => s.MemberId == membership.MemberId && db.RunSeries.Any(r => r.Id == s.SeriesId && r.GroupId == group.Id)).ExecuteDeleteAsync();
            await db.RunLeaders.Where(l => l.MemberId == membership.MemberId && l.Run!.GroupId == group.Id && l.Run.StartsAt > now).ExecuteDeleteAsync();
        }
        await TellOrganisersAsync(group, membership.Member!, was, role, actorId, now);
        await tx.CommitAsync();
        return null;
    }

    /// <summary>The group's organisers (all of them, the one who made the change included) hear of every change of role.</summary>
    async Task TellOrganisersAsync(Group group, Member member, GroupRole was, GroupRole role, string actorId, Instant now)
    {
        var actor = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.Nickname).SingleOrDefaultAsync() ?? "Someone";
        var organisers = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == GroupRole.Organiser).Select(m => m.Member!).ToListAsync();
        var stamp = now.ToUnixTimeTicks();
        foreach (var organiser in organisers)
        {
            var (subject, body) = RosterNews.RoleChanged(group, member, was, role, actor, organiser, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"role:{group.Id}:{member.Id}:{stamp}:{organiser.Id}", MailKind.RoleChange, organiser, subject, body, group.Id), now);
        }
    }
}
