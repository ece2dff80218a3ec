using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RunTalkRun.Data;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

[EnableRateLimiting(RateLimits.SignIn)]
public class SignInModel(SignInManager<Member> signIn, AppDb db) : FormPage
{
    public record Form(string? Email = null, string? Password = null);

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var email = Input.Email?.Trim() ?? "";
        if (email.Length == 0) ModelState.AddModelError("Input.Email", "Enter your email address.");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "Enter your password.");
        if (!ModelState.IsValid) return Page();

        var result = await signIn.PasswordSignInEvenlyAsync(email, Input.Password!, isPersistent: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("Input.Email", "There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password.");
            return Page();
        }
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (result.RequiresTwoFactor)
            return LocalRedirect("/account/sign-in/two-factor" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input.Password", "The email address or password is not right. Check them and try again.");
            return Page();
        }
        var member = await signIn.UserManager.FindByEmailAsync(email);
        if (member is not null && await Authenticator.ShouldInviteAsync(db, member))
        {
            TempData["Notice"] = "Welcome back. You lead runs, so your account can see who is coming to them: two-step sign-in keeps it safe.";
            TempData["NoticeLink"] = "/account/two-factor";
            TempData["NoticeLinkText"] = "Set up two-step sign-in";
        }
        return LocalRedirect(returnUrl ?? Landing.For(member));
    }
}
