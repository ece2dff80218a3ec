using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>An organiser or leader starts a run series: weekly, fortnightly or monthly, in the group's local time.</summary>
[Authorize]
public class NewSeriesModel(AppDb db, CurrentMember me, IClock clock, RunScheduler scheduler) : FormPage
{
    public class SeriesForm
    {
        public string? Title { get; set; }
        public string? Frequency { get; set; } = "weekly";
        public string? DayOfWeek { get; set; }
        public string? WeekOfMonth { get; set; }
        public string? LocalTime { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string? MeetingPointId { get; set; }
        public string? ApproxDistanceKm { get; set; } = "5";
        public bool IsVirtual { get; set; }
        public string? TalkOnlineAfterMinutes { get; set; }
    }

    public static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    public static readonly (string Value, string Label)[] Weeks = [("1", "First"), ("2", "Second"), ("3", "Third"), ("4", "Fourth"), ("-1", "Last")];

    [BindProperty] public SeriesForm Input { get; set; } = new();
    public Group Group { get; private set; } = null!;
    public List<MeetingPoint> MeetingPoints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        Input.StartsOn = Time.TimeText.IsoDate(clock.GetCurrentInstant().InZone(Group.Zone).Date.PlusDays(1));
        Input.MeetingPointId = MeetingPoints.FirstOrDefault(m => m.IsBase)?.Id.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        ModelState.Clear();
        int? Number(string? text, string key, string message)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), out var n)) return n;
            ModelState.AddModelError(key, message);
            return null;
        }
        var week = Input.Frequency == "monthly" ? Number(Input.WeekOfMonth, "Input.WeekOfMonth", "Choose which week of the month.") : null;
        var meetingPoint = Input.IsVirtual ? null : Number(Input.MeetingPointId, "Input.MeetingPointId", "Choose one of the group's meeting points.");
        var distance = Number(Input.ApproxDistanceKm, "Input.ApproxDistanceKm", "Give the route's length as a whole number of km, like 5.");
        var talk = Input.IsVirtual ? Number(Input.TalkOnlineAfterMinutes, "Input.TalkOnlineAfterMinutes", "Give the minutes as a whole number, like 45.") : null;
        var request = new SeriesRequest(Input.Title, Input.Frequency, Input.DayOfWeek, week, Input.LocalTime?.Trim(), Input.StartsOn?.Trim(),
            string.IsNullOrWhiteSpace(Input.EndsOn) ? null : Input.EndsOn.Trim(), meetingPoint, distance, Input.IsVirtual, talk);
        var (series, errors) = request.Check(Group, MeetingPoints, clock.GetCurrentInstant());
        AddErrors("Input", errors);
        if (!ModelState.IsValid || series is null) return Page();

        // Whoever sets up a series usually leads it, if they lead in the group (an HQ admin doing it for a group doesn't).
        await scheduler.AddSeriesAsync(db, series, await me.CanSeeAttendanceAsync(Group.Id) ? me.Id : null);
        var first = await db.Runs.AsNoTracking().Where(r => r.SeriesId == series.Id).OrderBy(r => r.StartsAt).FirstOrDefaultAsync();
        TempData["Notice"] = first is null
            ? $"\"{series.Title}\" is set up. Its runs appear here as their dates come near."
            : $"\"{series.Title}\" is set up. The first run is {first.LocalWhen(Group)}; runs are planned {RunScheduler.WeeksAhead} weeks ahead.";
        return Redirect($"/groups/{Group.Slug}/manage#series");
    }

    async Task<IActionResult?> LoadAsync(string slug)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        if (!await me.CanLeadAsync(group.Id)) return Forbid();
        Group = group;
        MeetingPoints = await db.MeetingPoints.AsNoTracking().Where(m => m.GroupId == group.Id).OrderByDescending(m => m.IsBase).ThenBy(m => m.Name).ToListAsync();
        return null;
    }
}
