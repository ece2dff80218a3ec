using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

[EnableRateLimiting(RateLimits.PasswordReset)]
public class ForgotPasswordModel(UserManager<Member> users, AccountMail mail, SiteLinks links, ILogger<ForgotPasswordModel> log) : FormPage
{
    public record Form(string? Email = null);

    [BindProperty]
    public Form Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var email = Input.Email?.Trim() ?? "";
        if (email.Length == 0) ModelState.AddModelError("Input.Email", "Enter your email address.");
        else if (email.Length > 254 || !Validation.LooksLikeEmail(email)) ModelState.AddModelError("Input.Email", "Enter an email address in the right format, like name@example.com.");
        if (!ModelState.IsValid) return Page();

        // The same answer whether or not there is an account: nobody learns who is a member.
        if (await users.FindByEmailAsync(email) is { } member)
        {
            try
            {
                var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(member)));
                var link = links.Absolute(Url.Page("/Accounts/ResetPassword", new { email, code })!);
                await mail.SendPasswordResetAsync(member, link);
            }
            catch (Exception e)
            {
                log.LogError(e, "Could not queue a password reset email");
            }
        }
        Sent = true;
        return Page();
    }
}
