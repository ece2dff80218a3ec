using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

[Authorize]
public class MyRunsModel(AppDb db, CurrentMember me, IClock clock) : PageModel
{
    public record Item(Run Run, bool FirstTime);

    public List<Item> Upcoming { get; private set; } = [];
    public List<Run> Leading { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var nowUtc = clock.GetCurrentInstant().ToDateTimeUtc();
        var id = me.Id!;
        var mine = await db.Rsvps.AsNoTracking()
            .Where(r => r.MemberId == id && r.Run!.StartsAtUtc > nowUtc)
            .Include(r => r.Run).ThenInclude(r => r!.Group)
            .Include(r => r.Run).ThenInclude(r => r!.MeetingPoint)
            .OrderBy(r => r.Run!.StartsAtUtc)
            .ToListAsync();
        Upcoming = mine.Select(r => new Item(r.Run!, r.FirstTime)).ToList();

        var leadGroups = db.Memberships.Where(m => m.MemberId == id && (m.Role == GroupRole.Leader || m.Role == GroupRole.Organiser)).Select(m => m.GroupId);
        var weekAhead = nowUtc.AddDays(7);
        Leading = await db.Runs.AsNoTracking().Include(r => r.Group)
            .Where(r => leadGroups.Contains(r.GroupId) && r.StartsAtUtc > nowUtc && r.StartsAtUtc < weekAhead)
            .OrderBy(r => r.StartsAtUtc).ToListAsync();
    }
}
