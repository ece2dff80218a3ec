using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Hq;

public record HqPerson(string Id, string Nickname, string? Email, HqRole Role, bool TwoStep);

/// <summary>
/// Who works at HQ and as what: HQ admins give and take away the HQ roles. Each change, and each look-up of a
/// member by email, is audit-logged. A new HQ member must set up two-step sign-in before anything else.
/// </summary>
public class HqRoles(AppDb db, UserManager<Member> users, IClock clock, Talk.TalkPresence presence)
{
    public static string Slug(HqRole role) => role switch
    {
        HqRole.SafeguardingLead => "safeguarding-lead",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static HqRole? RoleFrom(string? slug) =>
        Shared.Slugs.Parse<HqRole>(slug, Slug);

    public static string Name(HqRole role) => role switch
    {
        HqRole.None => "No HQ role",
        HqRole.Admin => "HQ admin",
        HqRole.SafeguardingLead => "Safeguarding lead",
        HqRole.Moderator => "Moderator",
        _ => role.ToString(),
    };

    public Task<List<HqPerson>> StaffAsync() =>
        db.Users.AsNoTracking().Where(u => u.HqRole != HqRole.None).OrderBy(u => u.HqRole).ThenBy(u => u.Nickname)
            .Select(u => new HqPerson(u.Id, u.Nickname, u.Email, u.HqRole, u.TwoFactorEnabled)).ToListAsync();

    /// <summary>A member by their email address, for giving them a role. The look-up is audit-logged.</summary>
    public async Task<HqPerson?> FindAsync(string email, string adminId)
    {
        var member = await users.FindByEmailAsync(email.Trim());
        if (member is null || member.Id == Privacy.DeletedMember.Id) return null;
        db.Record(adminId, "read-member", $"member:{member.Id}", "found by email to change their HQ role", clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        return new HqPerson(member.Id, member.Nickname, member.Email, member.HqRole, member.TwoFactorEnabled);
    }

    /// <summary>Gives or takes away an HQ role. Null, or why not (404 no such member; 409 the last HQ admin).</summary>
    public async Task<(int Status, string Message)?> SetAsync(string memberId, HqRole role, string adminId)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"AspNetUsers\" IN SHARE ROW EXCLUSIVE MODE");
        var member = await db.Users.SingleOrDefaultAsync(u => u.Id == memberId && u.Id != Privacy.DeletedMember.Id);
        if (member is null) return (404, "There is no such member.");
        if (member.HqRole == role) return null;
        if (member.HqRole == HqRole.Admin && !await db.Users.AnyAsync(u => u.HqRole == HqRole.Admin && u.Id != memberId))
            return (409, $"{member.Nickname} is HQ's only admin. Make someone else an admin first, so HQ is never without one.");
        var was = member.HqRole;
        member.HqRole = role;
        db.Record(adminId, "hq-role-change", $"member:{memberId}", $"{Name(was)} to {Name(role)}", clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        await presence.RecheckAsync(memberId); // a moderator no longer: out of the rooms they only moderated
        return null;
    }
}
