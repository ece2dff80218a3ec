using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

public class DetailsModel(AppDb db, IClock clock, Accounts.CurrentMember me, Talk.Rooms rooms, Talk.TalkPresence presence) : PageModel
{
    public Group Group { get; private set; } = null!;
    public List<RunWithCount> Runs { get; private set; } = [];
    public List<MeetingPoint> MeetingPoints { get; private set; } = [];
    public List<string> Leaders { get; private set; } = [];
    public bool CanManage { get; private set; }
    public GroupRole? MyRole { get; private set; }
    public int? RoomId { get; private set; }

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
        if (me.Id is { } memberId)
        {
            MyRole = await db.Memberships.Where(m => m.GroupId == group.Id && m.MemberId == memberId).Select(m => (GroupRole?)m.Role).SingleOrDefaultAsync();
            if (MyRole is not null) RoomId = (await rooms.GetOrCreateAsync(Talk.RoomKind.Group, groupId: group.Id)).Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(string slug)
    {
        if (!me.IsSignedIn) return Challenge();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        var refusal = await Joining.JoinAsync(db, group, me.Id!, clock.GetCurrentInstant());
        TempData["Notice"] = refusal ?? $"Welcome to {group.Name}! You're in the group's chat now.";
        return Redirect($"/groups/{slug}#membership");
    }

    public async Task<IActionResult> OnPostLeaveAsync(string slug)
    {
        if (!me.IsSignedIn) return Challenge();
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        var refusal = await Joining.LeaveAsync(db, group, me.Id!, presence);
        TempData["Notice"] = refusal ?? $"You've left {group.Name}. You're welcome back any time.";
        return Redirect($"/groups/{slug}#membership");
    }
}
