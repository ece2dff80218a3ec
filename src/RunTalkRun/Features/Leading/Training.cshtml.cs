using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>A leader's own training records: add a course, remove one. A reminder comes a month before one runs out.</summary>
[Authorize]
public class TrainingModel(AppDb db, CurrentMember me, IClock clock) : FormPage
{
    public class TrainingForm
    {
        public string? Course { get; set; }
        public string? OtherName { get; set; }
        public string? TakenOn { get; set; }
        public string? ExpiresOn { get; set; }
    }

    [BindProperty] public TrainingForm Input { get; set; } = new();
    [BindProperty] public int? RecordId { get; set; }
    public List<TrainingRecord> Records { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.Clear();
        var (record, errors) = TrainingRecords.Check(new TrainingRequest(Input.Course, Input.OtherName, Input.TakenOn, Input.ExpiresOn), me.Id!, clock.GetCurrentInstant());
        AddErrors("Input", errors);
        if (record is null) return Page();
        db.TrainingRecords.Add(record);
        await db.SaveChangesAsync();
        TempData["Notice"] = $"{record.Name} is on your record.";
        return Redirect("/account/training");
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var removed = await db.TrainingRecords.Where(t => t.Id == RecordId && t.MemberId == me.Id).ExecuteDeleteAsync();
        if (removed == 0) return NotFound();
        TempData["Notice"] = "Removed from your record.";
        return Redirect("/account/training");
    }

    async Task LoadAsync()
    {
        Today = clock.GetCurrentInstant().InUtc().Date.ToDateOnly();
        Records = await db.TrainingRecords.AsNoTracking().Where(t => t.MemberId == me.Id).OrderBy(t => t.Course).ThenByDescending(t => t.TakenOn).ToListAsync();
    }
}
