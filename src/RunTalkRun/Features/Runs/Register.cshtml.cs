using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>The register on the leader's phone: ticks, walk-ins, and the start and end headcount.</summary>
[Authorize]
public class RegisterModel(AppDb db, CurrentMember me, IClock clock) : FormPage
{
    public record WalkInForm(string? Name = null, bool FirstTime = false);
    public record HeadcountForm(string? Start = null, string? End = null);

    [BindProperty] public List<int> Present { get; set; } = [];
    [BindProperty] public WalkInForm WalkIn { get; set; } = new();
    [BindProperty] public string? WalkInCount { get; set; }
    [BindProperty] public HeadcountForm Headcount { get; set; } = new();

    public Run Run { get; private set; } = null!;
    public string? Refusal { get; private set; }
    public List<RegisterLine> Lines { get; private set; } = [];
    public bool ContactsShown { get; private set; }
    public int Total => RunRegister.Total(Lines, Run);
    public int FirstTimers => Lines.Count(l => l.Present && l.FirstTime);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        FillForms();
        return Page();
    }

    public async Task<IActionResult> OnPostTicksAsync(int id) =>
        await ChangeAsync(id, async now => await RunRegister.SetPresentAsync(db, Run, Present, now) is { } error ? [("", error)] : [], "Ticks saved.", "Ticks");

    public async Task<IActionResult> OnPostWalkInAsync(int id) => await ChangeAsync(id, now =>
    {
        if (RunRegister.CheckWalkInName(WalkIn.Name) is { } error) return Task.FromResult<(string, string)[]>([("WalkIn.Name", error)]);
        RunRegister.AddWalkIn(db, Run, WalkIn.Name, WalkIn.FirstTime, now);
        return Task.FromResult<(string, string)[]>([]);
    }, "Walk-in added.", "WalkIn");

    public async Task<IActionResult> OnPostWalkInCountAsync(int id) => await ChangeAsync(id, _ =>
    {
        if (!int.TryParse(WalkInCount?.Trim(), out var count)) return Task.FromResult<(string, string)[]>([("WalkInCount", "Enter a number, like 2, or 0 for none.")]);
        if (RunRegister.Check(Run, null, null, count).TryGetValue("walkInCount", out var errors)) return Task.FromResult<(string, string)[]>([("WalkInCount", errors[0])]);
        Run.WalkInCount = count;
        return Task.FromResult<(string, string)[]>([]);
    }, "Walk-ins saved.", "WalkInCount");

    public async Task<IActionResult> OnPostHeadcountAsync(int id) => await ChangeAsync(id, _ =>
    {
        var problems = new List<(string, string)>();
        int? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(Headcount.Start))
            if (int.TryParse(Headcount.Start.Trim(), out var s)) start = s; else problems.Add(("Headcount.Start", "Enter the start headcount as a number, like 12."));
        if (!string.IsNullOrWhiteSpace(Headcount.End))
            if (int.TryParse(Headcount.End.Trim(), out var e)) end = e; else problems.Add(("Headcount.End", "Enter the end headcount as a number, like 12."));
        if (start is null && end is null && problems.Count == 0) problems.Add(("Headcount.Start", "Enter the number of people who set off."));
        if (problems.Count > 0) return Task.FromResult(problems.ToArray());
        var errors = RunRegister.Check(Run, start, end, null);
        if (errors.Count > 0)
            return Task.FromResult(errors.Select(e => (e.Key == "startHeadcount" ? "Headcount.Start" : "Headcount.End", e.Value[0])).ToArray());
        if (start is not null) Run.StartHeadcount = start;
        if (end is not null) Run.EndHeadcount = end;
        return Task.FromResult<(string, string)[]>([]);
    }, "Headcount saved.", "Headcount");

    /// <summary>Applies one form: all or nothing; errors beside the field, with what was typed kept.</summary>
    async Task<IActionResult> ChangeAsync(int id, Func<Instant, Task<(string Field, string Message)[]>> change, string notice, string posted)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        if (Refusal is not null)
        {
            ModelState.AddModelError("", Refusal);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var errors = await change(clock.GetCurrentInstant());
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid)
        {
            db.ChangeTracker.Clear(); // nothing half-written
            await db.Entry(Run).ReloadAsync();
            FillForms(except: posted); // the other forms show what is saved; this one keeps what was typed
            return Page();
        }
        await db.SaveChangesAsync();
        TempData["Notice"] = notice;
        return Redirect($"/runs/{id}/register");
    }

    void FillForms(string? except = null)
    {
        if (except != "Headcount") Headcount = new(Run.StartHeadcount?.ToString(), Run.EndHeadcount?.ToString());
        if (except != "WalkInCount") WalkInCount = Run.WalkInCount.ToString();
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        var run = await db.Runs.Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        if (!await me.CanSeeAttendanceAsync(run.GroupId)) return Forbid();
        Run = run;
        var now = clock.GetCurrentInstant();
        Refusal = RunRegister.Refusal(run, run.Group!, now);
        if (Refusal is null)
        {
            Lines = await RunRegister.ReadAsync(db, run, run.Group!, me.Id!, now);
            ContactsShown = RunRegister.EmergencyContactsShown(run, run.Group!, now);
        }
        return null;
    }
}
