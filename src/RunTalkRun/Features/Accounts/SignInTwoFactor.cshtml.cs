using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

/// <summary>The second step of signing in, after the password: a code from the authenticator app. Wrong codes count toward lockout.</summary>
[EnableRateLimiting(RateLimits.TwoFactor)]
public class SignInTwoFactorModel(SignInManager<Member> signIn) : FormPage
{
    public record Form(string? Code = null);

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>False when there is no password step to finish (it ran out after 5 minutes, or never happened).</summary>
    public bool Pending { get; private set; }

    public string ReturnQuery => Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : "";

    public async Task OnGetAsync() => Pending = await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        Pending = member is not null;
        if (!Pending) return Page();
        var code = Authenticator.Clean(Input.Code);
        if (code.Length == 0) ModelState.AddModelError("Input.Code", "Enter the 6-digit code your authenticator app shows for Run Talk Run.");
        else if (!Authenticator.LooksLikeCode(code)) ModelState.AddModelError("Input.Code", "The code is 6 numbers, like 123456.");
        if (!ModelState.IsValid) return Page();

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: true, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Landing.For(member));
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? "There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password."
            : "That code is not right. Enter the newest code from your app: they change every 30 seconds.");
        return Page();
    }
}
