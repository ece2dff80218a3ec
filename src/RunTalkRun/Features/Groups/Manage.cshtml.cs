using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Groups;

/// <summary>An organiser's or leader's page for their group: its description and links, meeting points and run series.</summary>
[Authorize]
public class ManageModel(AppDb db, CurrentMember me, IClock clock, RunChanges changes) : FormPage
{
    public record ProfileForm(string? About = null, string? WebsiteUrl = null, string? InstagramUrl = null, string? FacebookUrl = null);
    public record EndForm(int? SeriesId = null, string? EndsOn = null);
    public record SeriesRow(RunSeries Series, string? MeetingPointName, Run? NextRun);

    [BindProperty] public ProfileForm Profile { get; set; } = new();
    [BindProperty] public EndForm End { get; set; } = new();

    public Group Group { get; private set; } = null!;
    public List<MeetingPoint> MeetingPoints { get; private set; } = [];
    public List<SeriesRow> Series { get; private set; } = [];
    public string Today { get; private set; } = "";
    public bool CanOrganise { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        Profile = new(Group.About, Group.WebsiteUrl, Group.InstagramUrl, Group.FacebookUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        ModelState.Clear();
        var request = new GroupProfileRequest(Profile.About, Profile.WebsiteUrl, Profile.InstagramUrl, Profile.FacebookUrl);
        AddErrors("Profile", request.Check());
        if (!ModelState.IsValid) return Page();
        request.ApplyTo(Group);
        await db.SaveChangesAsync();
        TempData["Notice"] = "Saved. The group's page shows the change.";
        return Redirect($"/groups/{Group.Slug}/manage");
    }

    public async Task<IActionResult> OnPostEndSeriesAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        ModelState.Clear();
        Profile = new(Group.About, Group.WebsiteUrl, Group.InstagramUrl, Group.FacebookUrl);
        var row = Series.SingleOrDefault(s => s.Series.Id == End.SeriesId);
        if (row is null) return NotFound();
        var now = clock.GetCurrentInstant();
        if (SeriesEnd.CheckDate(End.EndsOn, row.Series, now, out var endsOn) is { } error)
        {
            ModelState.AddModelError("End.EndsOn", error);
            return Page();
        }
        var tracked = await db.RunSeries.Include(s => s.Group).SingleAsync(s => s.Id == row.Series.Id);
        var outcome = await SeriesEnd.EndAsync(db, changes, tracked, endsOn, now);
        TempData["Notice"] = $"\"{tracked.Title}\" ends on {Time.TimeText.Date(endsOn)}."
            + (outcome.Cancelled > 0 ? $" {outcome.Cancelled} later {(outcome.Cancelled == 1 ? "run had" : "runs had")} people coming, so {(outcome.Cancelled == 1 ? "it shows" : "they show")} as cancelled." : "");
        return Redirect($"/groups/{Group.Slug}/manage");
    }

    async Task<IActionResult?> LoadAsync(string slug)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        if (!await me.CanLeadAsync(group.Id)) return Forbid();
        Group = group;
        CanOrganise = await me.CanOrganiseAsync(group.Id);
        MeetingPoints = await db.MeetingPoints.AsNoTracking().Where(m => m.GroupId == group.Id).OrderByDescending(m => m.IsBase).ThenBy(m => m.Name).ToListAsync();
        var now = clock.GetCurrentInstant();
        var today = now.InZone(group.Zone).Date;
        Today = Time.TimeText.IsoDate(today);
        var todayDate = today.ToDateOnly();
        var series = await db.RunSeries.AsNoTracking().Include(s => s.Group).Where(s => s.GroupId == group.Id && (s.EndsOn == null || s.EndsOn >= todayDate))
            .OrderBy(s => s.DayOfWeek).ThenBy(s => s.LocalTime).ToListAsync();
        var ids = series.Select(s => s.Id).ToList();
        var next = await db.Runs.AsNoTracking()
            .Where(r => r.SeriesId != null && ids.Contains(r.SeriesId.Value) && r.StartsAt > now && r.Status == RunStatus.Scheduled)
            .GroupBy(r => r.SeriesId).Select(g => g.OrderBy(r => r.StartsAt).First()).ToListAsync();
        Series = series.Select(s => new SeriesRow(s, MeetingPoints.FirstOrDefault(m => m.Id == s.MeetingPointId)?.Name, next.FirstOrDefault(r => r.SeriesId == s.Id))).ToList();
        return null;
    }
}
