using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Privacy;

/// <summary>"Delete my account": the password once more and a plain "yes", then everything personal is erased at once.</summary>
[Authorize]
public class DeleteModel(CurrentMember me, SignInManager<Member> signIn, Erasure erasure) : FormPage
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostAsync()
    {
        if (await me.GetAsync() is not { } member) return Challenge();
        if (await erasure.RefusalAsync(member.Id) is { } refused)
        {
            ModelState.AddModelError("", refused);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (!Confirm) ModelState.AddModelError(nameof(Confirm), "Tick the box to say you understand that this can't be undone.");
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter your password, so we know it's you.");
        else
        {
            var check = await signIn.CheckPasswordSignInAsync(member, Password, lockoutOnFailure: true);
            if (check.IsLockedOut) ModelState.AddModelError(nameof(Password), "Too many attempts. Your account is locked for 15 minutes; nothing has been deleted.");
            else if (!check.Succeeded) ModelState.AddModelError(nameof(Password), "That isn't your password. Nothing has been deleted.");
        }
        if (!ModelState.IsValid)
        {
            Password = null; // a password is never sent back into the page
            return Page();
        }
        await erasure.EraseAsync(member.Id);
        await signIn.SignOutAsync();
        TempData["Notice"] = "Your account has been deleted, and everything personal with it. Thank you for running with us; you're welcome back any time.";
        return LocalRedirect("/");
    }
}
