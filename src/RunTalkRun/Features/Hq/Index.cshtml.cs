using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Hq;

/// <summary>HQ's overview: groups by status and country with their leaders, applications waiting, runs with no leader this week.</summary>
[Authorize]
public class IndexModel(AppDb db, CurrentMember me, Applications applications, IClock clock) : FormPage
{
    public record GroupRow(Group Group, int Leaders, int Organisers, int Members, bool HasMeetingPoint, int UpcomingRuns);
    public record Unled(Runs.Run Run, Group Group);

    [BindProperty] public string? Slug { get; set; }

    public List<GroupRow> Groups { get; private set; } = [];
    public int ApplicationsWaiting { get; private set; }
    public int QuestionsOpen { get; private set; }
    /// <summary>Scheduled runs in the next seven days with nobody on their roster.</summary>
    public List<Unled> RunsWithoutLeader { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostLiveAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        var group = Groups.Select(g => g.Group).SingleOrDefault(g => g.Slug == Slug);
        if (group is null) return NotFound();
        if (await applications.SetLiveAsync(group, (await me.GetAsync())!) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        TempData["Notice"] = $"{group.Name} is live: people can find it now. Its organisers have been emailed.";
        return Redirect("/hq");
    }

    async Task<IActionResult?> LoadAsync()
    {
        if (!await me.IsHqAdminAsync()) return Forbid();
        var now = clock.GetCurrentInstant();
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Status).ThenBy(g => g.Country).ThenBy(g => g.Name).ToListAsync();
        var roles = await db.Memberships.GroupBy(m => new { m.GroupId, m.Role }).Select(g => new { g.Key.GroupId, g.Key.Role, Count = g.Count() }).ToListAsync();
        var points = await db.MeetingPoints.Select(m => m.GroupId).Distinct().ToListAsync();
        var runs = await db.Runs.Where(r => r.StartsAt > now && r.Status == Runs.RunStatus.Scheduled)
            .GroupBy(r => r.GroupId).Select(g => new { GroupId = g.Key, Count = g.Count() }).ToListAsync();
        int Count(int groupId, GroupRole role) => roles.Where(r => r.GroupId == groupId && r.Role == role).Sum(r => r.Count);
        // Leaders counts everyone who leads (organisers too); members, everyone in the group.
        Groups = groups.Select(g => new GroupRow(g, Count(g.Id, GroupRole.Leader) + Count(g.Id, GroupRole.Organiser), Count(g.Id, GroupRole.Organiser),
            Count(g.Id, GroupRole.Member) + Count(g.Id, GroupRole.Leader) + Count(g.Id, GroupRole.Organiser),
            points.Contains(g.Id), runs.Where(r => r.GroupId == g.Id).Sum(r => r.Count))).ToList();
        ApplicationsWaiting = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.Submitted);
        QuestionsOpen = await db.Applications.CountAsync(a => a.Status == ApplicationStatus.QuestionAsked);
        var week = now.Plus(Duration.FromDays(7));
        RunsWithoutLeader = (await db.Runs.AsNoTracking().Include(r => r.Group)
            .Where(r => r.StartsAt > now && r.StartsAt < week && r.Status == Runs.RunStatus.Scheduled && !r.Leaders.Any())
            .OrderBy(r => r.StartsAt).Take(200).ToListAsync()).Select(r => new Unled(r, r.Group!)).ToList();
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
