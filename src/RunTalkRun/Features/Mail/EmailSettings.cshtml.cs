using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Mail;

/// <summary>Which emails about runs a member gets: one switch per kind.</summary>
[Authorize]
public class EmailSettingsModel(AppDb db, CurrentMember me) : FormPage
{
    /// <summary>The kinds switched on, by slug (unknown slugs are ignored).</summary>
    [BindProperty] public List<string> Wanted { get; set; } = [];

    public MailPreferences Current { get; private set; } = new();
    public bool InviteTwoStep { get; private set; }

    public async Task OnGetAsync()
    {
        var member = await db.Users.AsNoTracking().SingleAsync(u => u.Id == me.Id);
        Current = member.Mail;
        InviteTwoStep = await Authenticator.ShouldInviteAsync(db, member);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await db.Users.SingleAsync(u => u.Id == me.Id);
        foreach (var kind in MailPreferences.Kinds) member.Mail.Set(kind.Kind, Wanted.Contains(kind.Slug));
        await db.SaveChangesAsync();
        TempData["Notice"] = "Saved. We'll send you only the emails you've ticked.";
        return Redirect("/account/emails");
    }
}
