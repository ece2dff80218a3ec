using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace RunTalkRun.Features.Accounts;

/// <summary>The link in the welcome email. Confirmed, it goes back to the page sign-up started from (local addresses only).</summary>
public class ConfirmEmailModel(UserManager<Member> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || await users.FindByIdAsync(userId) is not { } member) return Page();
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return Page(); }
        Confirmed = (await users.ConfirmEmailAsync(member, token)).Succeeded;
        if (Confirmed && Url.IsLocalUrl(returnUrl))
        {
            TempData["Notice"] = "Thank you: your email address is confirmed.";
            return LocalRedirect(returnUrl);
        }
        return Page();
    }
}
