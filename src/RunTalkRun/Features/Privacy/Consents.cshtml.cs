using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Privacy;

/// <summary>What the member agreed to, with the wording's version and date; withdrawing it, and giving attendance again.</summary>
[Authorize]
public class ConsentsModel(CurrentMember me, ConsentChoices choices) : FormPage
{
    public List<ConsentState> Consents { get; private set; } = [];
    [BindProperty] public string? Kind { get; set; }

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Consents = await choices.ForAsync(me.Id!);
    }

    public Task<IActionResult> OnPostWithdrawAsync() => ChangeAsync(withdraw: true);

    public Task<IActionResult> OnPostGiveAsync() => ChangeAsync(withdraw: false);

    async Task<IActionResult> ChangeAsync(bool withdraw)
    {
        if (ConsentChoices.KindFrom(Kind) is not { } kind)
        {
            ModelState.AddModelError("", "Choose a consent from the list.");
            await OnGetAsync();
            return Page();
        }
        var refused = withdraw ? await choices.WithdrawAsync(me.Id!, kind) : await choices.GiveAsync(me.Id!, kind);
        if (refused is { } r)
        {
            ModelState.AddModelError("", r.Message);
            await OnGetAsync();
            Response.StatusCode = r.Status;
            return Page();
        }
        TempData["Notice"] = (withdraw, kind) switch
        {
            (true, ConsentKind.AttendanceData) => "Done: we no longer keep a note of the runs you come to. Your places on upcoming runs have gone to others, and you can still just turn up.",
            (true, ConsentKind.LeadersCode) => "Done: you no longer lead runs. Thank you for everything you did as a leader.",
            (false, _) => "Thank you: you can say you're coming to runs again.",
            _ => "Done.",
        };
        return RedirectToPage();
    }
}
