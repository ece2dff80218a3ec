using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// Who is an organiser, a leader or a member of a group. Organisers (and HQ admins) decide; a group
/// always keeps at least one organiser; every change is audit-logged.
/// </summary>
public static class GroupRoles
{
    public record Person(string MemberId, string Nickname, GroupRole Role, DateTime JoinedAt);

    public static GroupRole? Parse(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "member" => GroupRole.Member,
        "leader" => GroupRole.Leader,
        "organiser" or "organizer" => GroupRole.Organiser,
        _ => null,
    };

    public static string Name(GroupRole role) => role.ToString().ToLowerInvariant();

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
        db.Record(actorId, "people-read", $"group:{group.Id}", $"{people.Count} people", now.ToDateTimeUtc());
        await db.SaveChangesAsync();
        return (people, training);
    }

    /// <summary>Changes a member's role. Null, or a refusal (404: not in the group; 409: the last organiser).</summary>
    public static async Task<Roster.Refusal?> ChangeAsync(AppDb db, Group group, string? memberId, GroupRole role, string actorId, Instant now)
    {
        // Hold the group while counting its organisers, so two organisers stepping down at once can't leave none.
        await using var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Groups\" WHERE \"Id\" = {group.Id} FOR UPDATE");
        var membership = await db.Memberships.Include(m => m.Member).SingleOrDefaultAsync(m => m.GroupId == group.Id && m.MemberId == memberId);
        if (membership is null) return new(404, "memberId", $"They aren't a member of {group.Name}.");
        if (membership.Role == role) return null;
        if (membership.Role == GroupRole.Organiser
            && !await db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.Role == GroupRole.Organiser && m.Id != membership.Id))
            return new(409, "role", $"{membership.Member!.Nickname} is {group.Name}'s only organiser. Make someone else an organiser first, so the group is never without one.");
        var was = membership.Role;
        membership.Role = role;
        var nowUtc = now.ToDateTimeUtc();
        db.Record(actorId, "role-change", $"member:{membership.MemberId}", $"{was} to {role} in group {group.Id}", nowUtc);
        await db.SaveChangesAsync();
        if (role == GroupRole.Member)
        {
            // No longer leading: off the series they usually led and the group's upcoming runs.
            await db.SeriesLeaders.Where(s => s.MemberId == membership.MemberId && db.RunSeries.Any(r => r.Id == s.SeriesId && r.GroupId == group.Id)).ExecuteDeleteAsync();
            await db.RunLeaders.Where(l => l.MemberId == membership.MemberId && l.Run!.GroupId == group.Id && l.Run.StartsAtUtc > nowUtc).ExecuteDeleteAsync();
        }
        await tx.CommitAsync();
        return null;
    }
}
