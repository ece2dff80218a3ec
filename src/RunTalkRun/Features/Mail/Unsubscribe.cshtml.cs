using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// The unsubscribe link in every email about runs. Opening it asks first (mail scanners open links);
/// a POST — the button, or a mail program's one-click unsubscribe (RFC 8058) — switches that kind of
/// mail off. The secret in the address is the proof, so no sign-in and no antiforgery token is needed:
/// a mail program's one-click POST carries neither.
/// </summary>
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(AppDb db) : PageModel
{
    public string Label { get; private set; } = "";
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string kind)
    {
        var (member, found) = await FindAsync(token, kind);
        if (member is null) return NotFound();
        Label = found.Label;
        Done = !member.Mail.Wants(found.Kind);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string kind)
    {
        var (member, found) = await FindAsync(token, kind);
        if (member is null) return NotFound();
        member.Mail.Set(found.Kind, false);
        await db.SaveChangesAsync();
        Label = found.Label;
        Done = true;
        return Page();
    }

    async Task<(Accounts.Member? Member, (MailKind Kind, string Slug, string Label, string Hint) Found)> FindAsync(string token, string kind)
    {
        var found = MailPreferences.Kinds.FirstOrDefault(k => k.Slug == kind);
        if (found.Slug is null || token.Length is < 20 or > 64) return (null, found);
        return (await db.Users.SingleOrDefaultAsync(u => u.MailToken == token), found);
    }
}
