using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Safety;

/// <summary>A leader raises a concern after a run they led. Short, and it starts with the emergency number.</summary>
[Authorize]
public class RaiseConcernModel(AppDb db, CurrentMember me, Concerns concerns) : FormPage
{
    public Run Run { get; private set; } = null!;
    /// <summary>Why this leader can't raise a concern about this run; shown instead of the form.</summary>
    public ConcernRefusal? Refusal { get; private set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? About { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Refusal is not null) return Page();
        var input = new ConcernInput(Kind, About, Description);
        var errors = Concerns.Check(input);
        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors) ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], messages[0]);
            return Page();
        }
        await concerns.RaiseAsync(me.Id!, Run, input);
        TempData["Notice"] = "Thank you for raising this. HQ's safeguarding lead has been told and will look at it soon. You can see where it's up to here.";
        return Redirect("/account/concerns");
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        // Only leaders of the run's group learn anything about it here; anyone else is refused outright.
        if (!await db.Memberships.Leading().AnyAsync(m => m.GroupId == run.GroupId && m.MemberId == me.Id)) return Forbid();
        Run = run;
        Refusal = await concerns.CanRaiseAsync(me.Id!, run);
        if (Refusal == Concerns.NotYourRun) return Forbid();
        return null;
    }
}
