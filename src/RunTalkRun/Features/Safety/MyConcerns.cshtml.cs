using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Safety;

/// <summary>The concerns a leader raised and where each is up to. Never the safeguarding leads' notes.</summary>
[Authorize]
public class MyConcernsModel(CurrentMember me, Concerns concerns) : PageModel
{
    public List<RaisedConcern> Raised { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Raised = await concerns.RaisedByAsync(me.Id!);
    }
}
