using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Safety;

/// <summary>The safeguarding leads' list of concerns: open ones first. No descriptions here.</summary>
[Authorize]
public class ConcernsPageModel(CurrentMember me, Concerns concerns) : PageModel
{
    public List<ConcernSummary> Open { get; private set; } = [];
    public List<ConcernSummary> Closed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await me.HasHqRoleAsync(HqRole.SafeguardingLead)) return Forbid();
        Response.Headers.CacheControl = "no-store";
        var all = await concerns.AllAsync();
        Open = all.Where(c => c.Status != ConcernStatus.Closed).ToList();
        Closed = all.Where(c => c.Status == ConcernStatus.Closed).Take(100).ToList();
        return Page();
    }
}
