using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>A leader moves, re-places, caps, cancels or reinstates one run.</summary>
[Authorize]
public class ManageModel(AppDb db, CurrentMember me, RunChanges changes, IOptions<OnlineAddressSettings> online) : FormPage
{
    /// <summary>How long before the start the people coming see a virtual run's online address.</summary>
    public int ShownMinutesBefore => online.Value.ShownMinutesBefore;

    public record ChangeForm(string? Date = null, string? Time = null, string? MeetingPointId = null, string? Capacity = null, string? OnlineAddress = null);
    public record CancelForm(string? Reason = null);

    [BindProperty] public ChangeForm Input { get; set; } = new();
    [BindProperty] public CancelForm Cancel { get; set; } = new();

    public Run Run { get; private set; } = null!;
    public List<MeetingPoint> MeetingPoints { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        FillChangeFormFromRun();
        return Page();
    }

    void FillChangeFormFromRun()
    {
        var local = Run.LocalStart(Run.Group!.Zone);
        Input = new(Time.TimeText.IsoDate(local.Date), Time.TimeText.IsoTime(local.TimeOfDay), Run.MeetingPointId?.ToString(), Run.Capacity?.ToString(), Run.OnlineAddress);
    }

    public async Task<IActionResult> OnPostChangeAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        var date = LocalDatePattern.Iso.Parse(Input.Date?.Trim() ?? "");
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(Input.Time?.Trim() ?? "");
        if (!date.Success) ModelState.AddModelError("Input.Date", "Enter the date of the run, like 2026-12-03.");
        if (!time.Success) ModelState.AddModelError("Input.Time", "Enter the start time on a 24-hour clock, like 19:00.");
        int? capacity = null;
        if (!string.IsNullOrWhiteSpace(Input.Capacity))
        {
            if (int.TryParse(Input.Capacity.Trim(), out var cap)) capacity = cap;
            else ModelState.AddModelError("Input.Capacity", "The cap must be a whole number, like 6, or empty for no cap.");
        }
        int? meetingPointId = int.TryParse(Input.MeetingPointId, out var mp) ? mp : null;
        if (!ModelState.IsValid) return Page();

        var newLocal = date.Value.At(time.Value);
        var moved = newLocal != Run.LocalStart(Run.Group!.Zone).LocalDateTime;
        var edit = new RunEdit
        {
            LocalStart = moved ? newLocal : null, MeetingPointId = meetingPointId, CapacityGiven = true, Capacity = capacity,
            OnlineAddressGiven = Run.IsVirtual, OnlineAddress = Input.OnlineAddress,
        };
        return await ApplyAsync(edit, "Saved. The run page shows the change.");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        FillChangeFormFromRun(); // the other form on the page still shows the run as it is
        return await ApplyAsync(new RunEdit { Cancelled = true, CancelReason = Cancel.Reason }, "The run is cancelled. Everyone looking at it sees your reason.");
    }

    public async Task<IActionResult> OnPostReinstateAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        return await ApplyAsync(new RunEdit { Cancelled = false }, "The run is back on.");
    }

    async Task<IActionResult> ApplyAsync(RunEdit edit, string notice)
    {
        var errors = await changes.ApplyAsync(Run, edit, MeetingPoints, me.Id);
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field switch
                {
                    "startsAt" => "Input.Date", "meetingPointId" => "Input.MeetingPointId", "capacity" => "Input.Capacity", "onlineAddress" => "Input.OnlineAddress",
                    "cancelReason" => "Cancel.Reason", _ => "",
                }, message);
        if (!ModelState.IsValid) return Page();
        TempData["Notice"] = notice;
        return Redirect($"/runs/{Run.Id}");
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var run = await db.Runs.Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        if (!await me.CanLeadAsync(run.GroupId)) return Forbid();
        Run = run;
        MeetingPoints = await db.MeetingPoints.Where(m => m.GroupId == run.GroupId).OrderByDescending(m => m.IsBase).ThenBy(m => m.Name).ToListAsync();
        return null;
    }
}
