using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Privacy;

/// <summary>"Your account": everything a member can look at or change about themselves, in one place.</summary>
[Authorize]
public class AccountModel(AppDb db, CurrentMember me) : PageModel
{
    public Member Member { get; private set; } = null!;
    public bool Leads { get; private set; }
    public bool RaisedConcerns { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await me.GetAsync() is not { } member) return Challenge();
        Member = member;
        Leads = await db.Memberships.Leading().AnyAsync(m => m.MemberId == member.Id);
        RaisedConcerns = await db.Concerns.AnyAsync(c => c.RaisedById == member.Id);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
