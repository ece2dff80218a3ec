using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// The group's roster for the coming weeks: who leads each run, who usually leads each series, and
/// cover. For the group's leaders and organisers (and HQ admins); a run with nobody on it is flagged.
/// </summary>
[Authorize]
public class RosterPageModel(AppDb db, CurrentMember me, Roster roster, IClock clock) : FormPage
{
    public const int Weeks = 6;

    public record RunRow(Run Run, List<RunLeader> Leaders, List<CoverRequest> OpenCover);
    public record SeriesRow(RunSeries Series, List<SeriesLeader> Leaders);

    [BindProperty] public int? RunId { get; set; }
    [BindProperty] public int? SeriesId { get; set; }
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Group Group { get; private set; } = null!;
    public List<Member> Leaders { get; private set; } = [];
    public List<RunRow> Runs { get; private set; } = [];
    public List<SeriesRow> Series { get; private set; } = [];
    public string? MyId => me.Id;

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public Task<IActionResult> OnPostAssignAsync(string slug) => OnRunAsync(slug, run => roster.AssignAsync(run, MemberId, Group), "is on the roster.");

    public Task<IActionResult> OnPostRemoveAsync(string slug) => OnRunAsync(slug, run => roster.RemoveAsync(run, MemberId), "is off the roster.");

    public Task<IActionResult> OnPostLeadAsync(string slug) => OnRunAsync(slug, run => roster.AssignAsync(run, me.Id, Group), "Thank you: you're leading it.", self: true);

    public Task<IActionResult> OnPostAskCoverAsync(string slug) => OnRunAsync(slug, async run =>
    {
        var (_, refusal) = await roster.AskForCoverAsync(run, Group, (await me.GetAsync())!, Reason);
        return refusal;
    }, "You're off it, and the group's other leaders have been asked to cover.", self: true);

    public Task<IActionResult> OnPostTakeCoverAsync(string slug) => OnRunAsync(slug, async run =>
    {
        var (_, refusal) = await roster.TakeCoverAsync(run, Group, (await me.GetAsync())!);
        return refusal;
    }, "Thank you: you're covering it.", self: true);

    public Task<IActionResult> OnPostAddSeriesLeaderAsync(string slug) => OnSeriesAsync(slug, s => roster.AddSeriesLeaderAsync(s, MemberId, Group), "usually leads it now, and is on its upcoming runs.");

    public Task<IActionResult> OnPostRemoveSeriesLeaderAsync(string slug) => OnSeriesAsync(slug, s => roster.RemoveSeriesLeaderAsync(s, MemberId), "no longer usually leads it.");

    async Task<IActionResult> OnRunAsync(string slug, Func<Run, Task<Roster.Refusal?>> change, string done, bool self = false)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == RunId && r.GroupId == Group.Id);
        if (run is null) return NotFound();
        if (await change(run) is { } refusal) return await RefusedAsync(slug, refusal);
        var who = self ? "" : (Leaders.FirstOrDefault(l => l.Id == MemberId)?.Nickname ?? "They") + " ";
        TempData["Notice"] = $"{run.Title}, {run.LocalWhen(Group)}: {who}{done}";
        return Redirect($"/groups/{Group.Slug}/roster#run-{run.Id}");
    }

    async Task<IActionResult> OnSeriesAsync(string slug, Func<RunSeries, Task<Roster.Refusal?>> change, string done)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        var series = await db.RunSeries.SingleOrDefaultAsync(s => s.Id == SeriesId && s.GroupId == Group.Id);
        if (series is null) return NotFound();
        if (await change(series) is { } refusal) return await RefusedAsync(slug, refusal);
        TempData["Notice"] = $"{series.Title}: {Leaders.FirstOrDefault(l => l.Id == MemberId)?.Nickname ?? "They"} {done}";
        return Redirect($"/groups/{Group.Slug}/roster#series-{series.Id}");
    }

    async Task<IActionResult> RefusedAsync(string slug, Roster.Refusal refusal)
    {
        if (refusal.Status == 404 && refusal.Field == "") return NotFound();
        await LoadAsync(slug); // the roster as it is now
        ModelState.Clear();
        ModelState.AddModelError("", refusal.Message);
        return Page();
    }

    async Task<IActionResult?> LoadAsync(string slug)
    {
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        if (!await me.CanLeadAsync(group.Id)) return Forbid();
        Group = group;
        Leaders = await roster.LeadersOfAsync(group.Id);
        var now = clock.GetCurrentInstant();
        var until = now + Duration.FromDays(7 * Weeks);
        var runs = await db.Runs.AsNoTracking().Include(r => r.MeetingPoint)
            .Where(r => r.GroupId == group.Id && r.StartsAt > now && r.StartsAt < until).OrderBy(r => r.StartsAt).ToListAsync();
        var ids = runs.Select(r => r.Id).ToList();
        var leaders = await db.RunLeaders.AsNoTracking().Include(l => l.Member).Where(l => ids.Contains(l.RunId)).ToListAsync();
        var cover = await db.CoverRequests.AsNoTracking().Include(c => c.AskedBy).Where(c => ids.Contains(c.RunId) && c.Status == CoverStatus.Open).ToListAsync();
        Runs = runs.Select(r => new RunRow(r, leaders.Where(l => l.RunId == r.Id).OrderBy(l => l.Member!.Nickname).ToList(),
            cover.Where(c => c.RunId == r.Id).ToList())).ToList();
        var today = DateOnly.FromDateTime(now.ToDateTimeUtc());
        var series = await db.RunSeries.AsNoTracking().Where(s => s.GroupId == group.Id && (s.EndsOn == null || s.EndsOn >= today)).OrderBy(s => s.DayOfWeek).ThenBy(s => s.LocalTime).ToListAsync();
        var seriesIds = series.Select(s => s.Id).ToList();
        var usual = await db.SeriesLeaders.AsNoTracking().Include(l => l.Member).Where(l => seriesIds.Contains(l.SeriesId)).ToListAsync();
        Series = series.Select(s => new SeriesRow(s, usual.Where(u => u.SeriesId == s.Id).OrderBy(u => u.Member!.Nickname).ToList())).ToList();
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
