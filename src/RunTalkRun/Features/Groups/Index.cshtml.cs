using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

public class IndexModel(AppDb db, IClock clock) : PageModel
{
    public record Item(Group Group, string NextRunText);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<Item> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Groups.AsNoTracking();
        var q = Q?.Trim();
        if (q is { Length: > 100 }) q = q[..100];
        if (!string.IsNullOrEmpty(q))
        {
            var term = q.ToLower();
            query = query.Where(g => g.Town.ToLower().Contains(term) || g.Name.ToLower().Contains(term));
        }
        var groups = await query.OrderBy(g => g.Country).ThenBy(g => g.Town).ThenBy(g => g.Name).ToListAsync();
        var nowUtc = clock.GetCurrentInstant().ToDateTimeUtc();
        var ids = groups.Select(g => g.Id).ToList();
        var nextRuns = await db.Runs.AsNoTracking()
            .Where(r => ids.Contains(r.GroupId) && r.StartsAtUtc > nowUtc && r.Status == RunStatus.Scheduled)
            .GroupBy(r => r.GroupId)
            .Select(g => g.OrderBy(r => r.StartsAtUtc).First())
            .ToListAsync();
        Groups = groups.Select(g => new Item(g, nextRuns.FirstOrDefault(r => r.GroupId == g.Id) is { } run
            ? $"Next run: {run.LocalWhen(g)} ({g.ZoneName()})"
            : "No runs planned at the moment.")).ToList();
    }
}
