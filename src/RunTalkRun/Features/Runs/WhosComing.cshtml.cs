using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>Tonight's list for the run's group leaders (and HQ). Each view is audit-logged.</summary>
[Authorize]
public class WhosComingModel(AppDb db, CurrentMember me, IClock clock) : PageModel
{
    public Run Run { get; private set; } = null!;
    public List<Attending> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        if (!await me.CanSeeAttendanceAsync(run.GroupId)) return Forbid();
        Run = run;
        People = await WhosComing.ReadAsync(db, run, me.Id!, clock.GetCurrentInstant());
        Response.Headers.CacheControl = "no-store"; // never kept in a shared browser's cache
        return Page();
    }
}
