using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RunTalkRun.Features.Accounts;

/// <summary>Where you're signed in: each browser and app, this one marked; sign out of any other, or of all of them.</summary>
[Authorize]
public class DevicesModel(Sessions sessions, CurrentMember me) : PageModel
{
    public List<MemberSession> Devices { get; private set; } = [];
    public string? This { get; private set; }

    public async Task OnGetAsync()
    {
        This = Sessions.IdOf(User);
        Devices = await sessions.OfAsync(me.Id!);
    }

    public async Task<IActionResult> OnPostEndAsync(string? id)
    {
        if (string.IsNullOrEmpty(id) || id == Sessions.IdOf(User) || !await sessions.EndAsync(me.Id!, id))
            TempData["Notice"] = "That device was already signed out.";
        else
            TempData["Notice"] = "That device is signed out.";
        return Redirect("/account/devices");
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var ended = await sessions.EndAllAsync(me.Id!, except: Sessions.IdOf(User));
        TempData["Notice"] = ended == 0 ? "You weren't signed in anywhere else." : "You're signed out everywhere else.";
        return Redirect("/account/devices");
    }
}
