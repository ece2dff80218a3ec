using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using RunTalkRun.Data;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Two-step sign-in: set it up (a key and its QR code, confirmed with a code from the app), then see the
/// recovery codes once; make new recovery codes; turn it off. Changing it needs a current code.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.TwoFactor)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // the key and the recovery codes stay out of caches
public class TwoFactorModel(UserManager<Member> users, SignInManager<Member> signIn, AppDb db, CurrentMember me) : FormPage
{
    public record Form(string? Code = null);

    /// <summary>Setting up: the code from the app.</summary>
    [BindProperty] public Form Input { get; set; } = new();
    /// <summary>New recovery codes: a current code.</summary>
    [BindProperty] public Form Renew { get; set; } = new();
    /// <summary>Turning it off: a current code.</summary>
    [BindProperty] public Form Off { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool IsOn { get; private set; }
    public bool IsHq { get; private set; }
    public bool Invited { get; private set; }
    public string Key { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Shown once, straight after they are made; never stored anywhere readable.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string CarryOn => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/my-runs";

    public async Task OnGetAsync() => await LoadAsync(await MemberAsync());

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        ModelState.Clear();
        var member = await MemberAsync();
        if (member.TwoFactorEnabled) return Redirect("/account/two-factor");
        var code = Authenticator.Clean(Input.Code);
        if (code.Length == 0)
            ModelState.AddModelError("Input.Code", "Enter the 6-digit code your authenticator app shows for Run Talk Run.");
        else if (!Authenticator.LooksLikeCode(code))
            ModelState.AddModelError("Input.Code", "The code is 6 numbers, like 123456.");
        else if (!await users.VerifyTwoFactorTokenAsync(member, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError("Input.Code", "That code is not right. Check the app shows Run Talk Run and enter the newest code: they change every 30 seconds.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(member);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(member, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, Authenticator.RecoveryCodeCount))!.ToList();
        await signIn.RefreshSignInAsync(member); // the security stamp changed: keep this session signed in
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        ModelState.Clear();
        var member = await MemberAsync();
        if (!member.TwoFactorEnabled) return Redirect("/account/two-factor");
        if (!await CheckAsync(member, Renew.Code, "Renew.Code"))
        {
            await LoadAsync(member);
            return Page();
        }
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, Authenticator.RecoveryCodeCount))!.ToList();
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        ModelState.Clear();
        var member = await MemberAsync();
        if (!member.TwoFactorEnabled) return Redirect("/account/two-factor");
        if (!await CheckAsync(member, Off.Code, "Off.Code"))
        {
            await LoadAsync(member);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(member, false);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(member, 0); // the old codes stop working
        await users.ResetAuthenticatorKeyAsync(member); // so does the old key: setting up again starts afresh
        await signIn.RefreshSignInAsync(member);
        TempData["Notice"] = member.IsHq
            ? "Two-step sign-in is off. Your HQ role needs it, so set it up again with a new key to carry on."
            : "Two-step sign-in is off. Signing in needs only your password now.";
        return Redirect("/account/two-factor");
    }

    async Task<bool> CheckAsync(Member member, string? typed, string field)
    {
        if (Authenticator.Clean(typed).Length == 0)
            ModelState.AddModelError(field, "Enter a code from your authenticator app, or one of your recovery codes.");
        else if (!await Authenticator.CheckCodeOrRecoveryCodeAsync(users, member, typed))
            ModelState.AddModelError(field, "That code is not right. Enter the newest code from your app, or a recovery code you haven't used.");
        return ModelState.IsValid;
    }

    async Task<Member> MemberAsync() => (await me.GetAsync())!;

    async Task LoadAsync(Member member)
    {
        IsOn = member.TwoFactorEnabled;
        IsHq = member.IsHq;
        if (IsOn)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(member);
            return;
        }
        Invited = await Authenticator.ShouldInviteAsync(db, member);
        var key = await Authenticator.KeyAsync(users, member);
        Key = Authenticator.Grouped(key);
        QrCode = Authenticator.QrCodeDataUri(Authenticator.Uri(key, member.Email!));
    }
}
