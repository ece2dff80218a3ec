using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Accounts;

/// <summary>Who is asking, once per request. Nobody else reads claims.</summary>
public class CurrentMember(IHttpContextAccessor http, AppDb db, IOptions<IdentityOptions> identity)
{
    Member? member;
    bool loaded;

    public string? Id
    {
        get
        {
            var user = http.HttpContext?.User;
            return user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) : null;
        }
    }

    public bool IsSignedIn => Id is not null;

    public async Task<Member?> GetAsync()
    {
        if (!loaded)
        {
            member = Id is { } id ? await db.Users.FindAsync(id) : null;
            loaded = true;
        }
        return member;
    }

    public async Task<bool> HasHqRoleAsync(HqRole role) => (await GetAsync())?.HqRole == role;

    public Task<bool> IsHqAdminAsync() => HasHqRoleAsync(HqRole.Admin);

    /// <summary>Runs the group: its runs, series, meeting points and roster. The group's leaders and organisers, and HQ admins.</summary>
    public async Task<bool> CanLeadAsync(int groupId) =>
        Id is not null && (await IsHqAdminAsync() || await LeadsAsync(groupId));

    /// <summary>
    /// Sees who is coming to the group's runs and who came (attendance is health data): the group's
    /// leaders and organisers only, not HQ.
    /// </summary>
    public Task<bool> CanSeeAttendanceAsync(int groupId) => LeadsAsync(groupId);

    /// <summary>Decides who leads the group: its organisers, and HQ admins.</summary>
    public async Task<bool> CanOrganiseAsync(int groupId) =>
        Id is { } id && (await IsHqAdminAsync() || await db.Memberships.AnyAsync(m => m.GroupId == groupId && m.MemberId == id && m.Role == GroupRole.Organiser));

    async Task<bool> LeadsAsync(int groupId) =>
        Id is { } id && await db.Memberships.Leading().AnyAsync(m => m.GroupId == groupId && m.MemberId == id);
}
