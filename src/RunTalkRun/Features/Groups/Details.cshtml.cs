using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

public class DetailsModel(AppDb db, IClock clock, Accounts.CurrentMember me) : PageModel
{
    public Group Group { get; private set; } = null!;
    public List<RunWithCount> Runs { get; private set; } = [];
    public List<MeetingPoint> MeetingPoints { get; private set; } = [];
    public List<string> Leaders { get; private set; } = [];
    public bool CanManage { get; private set; }

    public Shared.MapView Map => new($"Map of {Group.Name}'s meeting points",
        MeetingPoints.Select(m => new Shared.MapPoint(m.Name, m.Latitude, m.Longitude, null, m.Address)).ToList());

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var group = await db.Groups.AsNoTracking().Include(g => g.MeetingPoints).SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        Group = group;
        MeetingPoints = group.MeetingPoints.OrderByDescending(m => m.IsBase).ThenBy(m => m.Name).ToList();
        Runs = await UpcomingRuns.ForGroupAsync(db, group, clock.GetCurrentInstant(), take: 6);
        Leaders = await db.LeaderNicknamesAsync(group.Id);
        CanManage = await me.CanLeadAsync(group.Id);
        return Page();
    }
}
