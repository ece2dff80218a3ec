using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Hq;

/// <summary>HQ's people: who has an HQ role, finding a member by email, and giving or taking away a role (HQ admins).</summary>
[Authorize]
public class PeopleModel(CurrentMember me, HqRoles roles) : FormPage
{
    public List<HqPerson> Staff { get; private set; } = [];
    public HqPerson? Found { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public string? Role { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await me.IsHqAdminAsync()) return Forbid();
        Response.Headers.CacheControl = "no-store";
        Staff = await roles.StaffAsync();
        if (Email is null) return Page();
        if (string.IsNullOrWhiteSpace(Email) || Email.Length > 256 || !Validation.LooksLikeEmail(Email.Trim()))
            ModelState.AddModelError(nameof(Email), "Enter the member's email address, like name@example.com.");
        else if ((Found = await roles.FindAsync(Email, me.Id!)) is null)
            ModelState.AddModelError(nameof(Email), "Nobody has an account with that email address. They need to sign up first.");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await me.IsHqAdminAsync()) return Forbid();
        if (HqRoles.RoleFrom(Role) is not { } role)
        {
            ModelState.AddModelError(nameof(Role), "Choose a role.");
            return await ReloadAsync();
        }
        if (await roles.SetAsync(MemberId ?? "", role, me.Id!) is { } refused)
        {
            ModelState.AddModelError(nameof(Role), refused.Message);
            Response.StatusCode = refused.Status;
            return await ReloadAsync();
        }
        TempData["Notice"] = role == HqRole.None
            ? "Done: they no longer have an HQ role."
            : $"Done: they are now {HqRoles.Name(role).ToLowerInvariant()}. The next time they sign in, they'll be asked to set up two-step sign-in if they haven't.";
        return RedirectToPage();
    }

    async Task<IActionResult> ReloadAsync()
    {
        Staff = await roles.StaffAsync();
        return Page();
    }
}
