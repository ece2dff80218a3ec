using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

/// <summary>The second step of signing in with a recovery code instead of the app's code. Each code works once.</summary>
[EnableRateLimiting(RateLimits.TwoFactor)]
public class SignInRecoveryCodeModel(SignInManager<Member> signIn) : FormPage
{
    public record Form(string? Code = null);

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Pending { get; private set; }

    public string ReturnQuery => Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : "";

    public async Task OnGetAsync() => Pending = await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        Pending = member is not null;
        if (member is null) return Page();
        if (Authenticator.CleanRecoveryCode(Input.Code).Length == 0)
        {
            ModelState.AddModelError("Input.Code", "Enter one of the recovery codes you saved when you set up two-step sign-in.");
            return Page();
        }
        var result = await Authenticator.RecoveryCodeSignInAsync(signIn, Input.Code);
        if (result.Succeeded)
        {
            var left = await signIn.UserManager.CountRecoveryCodesAsync(member);
            TempData["Notice"] = left > 2
                ? $"You've signed in with a recovery code. You have {left} left."
                : $"You've signed in with a recovery code and have {left} left. Make new ones from your two-step sign-in settings.";
            TempData["NoticeLink"] = "/account/two-factor";
            TempData["NoticeLinkText"] = "Your two-step sign-in settings";
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Landing.For(member));
        }
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? "There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password."
            : "That recovery code is not right, or it has been used already. Check it and try again.");
        return Page();
    }
}
