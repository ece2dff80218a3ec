using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Safety;

/// <summary>One concern for a safeguarding lead: what the leader wrote, the notes, and its status. Each view is audit-logged.</summary>
[Authorize]
public class ConcernPageModel(CurrentMember me, Concerns concerns) : FormPage
{
    public Concern Concern { get; private set; } = null!;
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostNoteAsync(int id)
    {
        if (!await me.HasHqRoleAsync(HqRole.SafeguardingLead)) return Forbid();
        if (Concerns.CheckNote(Note) is { } error)
        {
            ModelState.AddModelError(nameof(Note), error);
            return await LoadAsync(id) ?? Page();
        }
        if (!await concerns.AddNoteAsync(id, me.Id!, Note!)) return NotFound();
        TempData["Notice"] = "Note added.";
        return Redirect($"/hq/concerns/{id}#notes");
    }

    public async Task<IActionResult> OnPostStatusAsync(int id)
    {
        if (!await me.HasHqRoleAsync(HqRole.SafeguardingLead)) return Forbid();
        if (ConcernWords.StatusFrom(Status) is not { } status)
        {
            ModelState.AddModelError(nameof(Status), "Choose new, in progress or closed.");
            return await LoadAsync(id) ?? Page();
        }
        if (!await concerns.SetStatusAsync(id, me.Id!, status)) return NotFound();
        TempData["Notice"] = $"Status: {status.Name()}.";
        return Redirect($"/hq/concerns/{id}");
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        if (!await me.HasHqRoleAsync(HqRole.SafeguardingLead)) return Forbid();
        Response.Headers.CacheControl = "no-store";
        if (await concerns.ReadAsync(id, me.Id!) is not { } concern) return NotFound();
        Concern = concern;
        Status ??= concern.Status.Slug();
        return null;
    }
}
