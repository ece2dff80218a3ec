using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>The applicant's own page for an application: where it stands, HQ's questions and their answers.</summary>
[Authorize]
public class ApplicationPageModel(AppDb db, CurrentMember me, Applications applications) : FormPage
{
    [BindProperty] public string? Answer { get; set; }
    public LeaderApplication Application { get; private set; } = null!;
    public bool IsApplicant { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!IsApplicant) return Forbid(); // HQ answers on the review page
        ModelState.Clear();
        var text = ApplicationRequest.Clean(Answer);
        if (text.Length == 0) ModelState.AddModelError(nameof(Answer), "Write your answer before sending it.");
        else if (text.Length > LeaderApplication.TextMaxLength) ModelState.AddModelError(nameof(Answer), $"Keep your answer to {LeaderApplication.TextMaxLength} characters or fewer (it has {text.Length}).");
        if (!ModelState.IsValid) return Page();
        if (await applications.AnswerAsync(id, (await me.GetAsync())!, text) is { } refusal)
        {
            ModelState.AddModelError(nameof(Answer), refusal);
            return Page();
        }
        TempData["Notice"] = "Thank you: your answer is with HQ.";
        return Redirect($"/applications/{id}");
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var app = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).SingleOrDefaultAsync(a => a.Id == id);
        if (app is null) return NotFound();
        IsApplicant = app.MemberId == me.Id;
        if (!IsApplicant && !await me.IsHqAdminAsync()) return NotFound(); // like an id never used: ids are sequential
        Application = app;
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
