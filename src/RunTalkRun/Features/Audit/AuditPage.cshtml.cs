using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Audit;

/// <summary>HQ reads the audit log: every read of someone's personal data by a leader or HQ, and every role and moderation change.</summary>
[Authorize]
public class AuditPageModel(AuditLogReader reader) : FormPage
{
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public List<AuditLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await reader.MayReadAsync()) return Forbid();
        Response.Headers.CacheControl = "no-store";
        if (!ModelState.IsValid) { ModelState.Clear(); ModelState.AddModelError(nameof(Before), "Use the links to page through the log."); Before = null; }
        if (AuditLogReader.Check(Action, Subject) is { } error) { ModelState.AddModelError(nameof(Subject), error); return Page(); }
        Lines = await reader.ReadAsync(Action, Subject, Before);
        return Page();
    }
}
