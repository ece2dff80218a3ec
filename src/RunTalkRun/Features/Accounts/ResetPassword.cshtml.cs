using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

[EnableRateLimiting(RateLimits.PasswordReset)]
public class ResetPasswordModel(UserManager<Member> users, Sessions sessions) : FormPage
{
    public record Form(string? Email = null, string? Code = null, string? Password = null);

    [BindProperty]
    public Form Input { get; set; } = new();

    public void OnGet(string? email, string? code) => Input = new(email, code);

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(Input.Password)) { ModelState.AddModelError("Input.Password", "Enter a new password."); return Page(); }
        const string expired = "This reset link has expired or is not right. Ask for a new one from the sign-in page.";
        if (string.IsNullOrEmpty(Input.Email) || string.IsNullOrEmpty(Input.Code) || await users.FindByEmailAsync(Input.Email) is not { } member)
        {
            ModelState.AddModelError("Input.Password", expired);
            return Page();
        }
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code)); }
        catch (FormatException) { ModelState.AddModelError("Input.Password", expired); return Page(); }
        var result = await users.ResetPasswordAsync(member, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError("Input.Password", e.Code == "InvalidToken" ? expired : e.Description);
            return Page();
        }
        await users.ResetAccessFailedCountAsync(member);
        await users.SetLockoutEndDateAsync(member, null);
        // Whoever had the old password is signed out everywhere: every browser, app and chat connection.
        await sessions.EndAllAsync(member.Id);
        TempData["Notice"] = "Your password has been changed, and you've been signed out everywhere. You can sign in with it now.";
        return LocalRedirect("/account/sign-in");
    }
}
