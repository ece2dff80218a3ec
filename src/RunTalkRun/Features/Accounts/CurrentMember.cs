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

    public async Task<bool> IsHqAsync() => (await GetAsync())?.IsHq == true;

    /// <summary>True for the group's leaders and organisers, and for HQ.</summary>
    public async Task<bool> CanLeadAsync(int groupId) =>
        Id is { } id && (await IsHqAsync() || await db.Memberships.Leading().AnyAsync(m => m.GroupId == groupId && m.MemberId == id));
}
