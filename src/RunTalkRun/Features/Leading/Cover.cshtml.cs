using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>The page a "Can you lead?" email links to: one tap to take the run.</summary>
[Authorize]
public class CoverModel(AppDb db, CurrentMember me, Roster roster) : FormPage
{
    public Run Run { get; private set; } = null!;
    public List<CoverRequest> Open { get; private set; } = [];
    public List<string> Leading { get; private set; } = [];
    public bool AlreadyLeading { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var (_, refusal) = await roster.TakeCoverAsync(Run, Run.Group!, (await me.GetAsync())!);
        if (refusal is not null)
        {
            await LoadAsync(id);
            ModelState.AddModelError("", refusal.Message);
            return Page();
        }
        TempData["Notice"] = "Thank you: you're leading it. We've let them know.";
        return Redirect($"/runs/{id}");
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        if (!await me.CanLeadAsync(run.GroupId)) return Forbid();
        Run = run;
        Open = await db.CoverRequests.AsNoTracking().Include(c => c.AskedBy).Where(c => c.RunId == id && c.Status == CoverStatus.Open).OrderBy(c => c.AskedAt).ToListAsync();
        Leading = (await Roster.NicknamesAsync(db, [id])).GetValueOrDefault(id) ?? [];
        AlreadyLeading = await db.RunLeaders.AnyAsync(l => l.RunId == id && l.MemberId == me.Id);
        return null;
    }
}
