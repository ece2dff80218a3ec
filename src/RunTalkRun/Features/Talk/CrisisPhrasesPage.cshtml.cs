using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

/// <summary>HQ's safe-messaging list: the words and phrases that bring the kind note and a moderator's look.</summary>
[Authorize]
public class CrisisPhrasesPageModel(AppDb db, CurrentMember me, CrisisPhrases phrases) : FormPage
{
    public List<CrisisPhrase> Phrases { get; private set; } = [];
    [BindProperty] public string? Phrase { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        var (added, error, _) = await phrases.AddAsync(me.Id!, Phrase);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Phrase), error);
            return Page();
        }
        TempData["Notice"] = $"\"{added!.Phrase}\" is on the list.";
        return Redirect("/hq/crisis-phrases");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int phraseId)
    {
        if (await LoadAsync() is { } refused) return refused;
        TempData["Notice"] = await phrases.RemoveAsync(me.Id!, phraseId) ? "Taken off the list." : "That one was already off the list.";
        return Redirect("/hq/crisis-phrases");
    }

    async Task<IActionResult?> LoadAsync()
    {
        if (!await CrisisPhrases.CanEditAsync(me)) return Forbid();
        Phrases = await db.CrisisPhrases.AsNoTracking().OrderBy(p => p.Phrase).ToListAsync();
        return null;
    }
}
