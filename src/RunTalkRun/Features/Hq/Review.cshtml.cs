using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Hq;

/// <summary>One application, for HQ: approve, ask a question, or decline with a kind message. Each read is audit-logged.</summary>
[Authorize]
public class ReviewModel(AppDb db, CurrentMember me, Applications applications, IClock clock) : FormPage
{
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? DeclineMessage { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    public LeaderApplication Application { get; private set; } = null!;
    public IReadOnlyList<string> Zones { get; private set; } = [];
    public int OtherApplications { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        TimeZone = TimeZones.Nearest(Application.Country, Application.Latitude, Application.Longitude);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        if (Application.Kind == ApplicationKind.NewGroup && !TimeZones.IsIn(Application.Country, TimeZone))
        {
            ModelState.AddModelError(nameof(TimeZone), $"Choose the group's time zone from those of {Countries.NameOf(Application.Country)}.");
            return Page();
        }
        if (await applications.ApproveAsync(id, (await me.GetAsync())!, TimeZone) is { } refusal) return Refused(refusal);
        var app = await db.Applications.AsNoTracking().Include(a => a.Group).SingleAsync(a => a.Id == id);
        TempData["Notice"] = app.Kind == ApplicationKind.NewGroup
            ? $"Approved. {app.Group!.Name} is launching, with its organiser; set it live from the HQ overview when it's ready."
            : $"Approved: a new leader for {app.Group!.Name}.";
        return Redirect($"/hq/applications/{id}");
    }

    public async Task<IActionResult> OnPostAskAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        var text = ApplicationRequest.Clean(Question);
        if (Check(nameof(Question), text, "Write the question before sending it.") is { } invalid) return invalid;
        if (await applications.AskAsync(id, (await me.GetAsync())!, text) is { } refusal) return Refused(refusal);
        TempData["Notice"] = "Your question is on the application's page, and the applicant has been emailed.";
        return Redirect($"/hq/applications/{id}");
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        ModelState.Clear();
        var text = ApplicationRequest.Clean(DeclineMessage);
        if (Check(nameof(DeclineMessage), text, "Write a kind message to the applicant: they'll read it on their application and in an email.") is { } invalid) return invalid;
        if (await applications.DeclineAsync(id, (await me.GetAsync())!, text) is { } refusal) return Refused(refusal);
        TempData["Notice"] = "Declined. The applicant has your message.";
        return Redirect($"/hq/applications/{id}");
    }

    IActionResult? Check(string key, string text, string whenEmpty)
    {
        if (text.Length == 0) ModelState.AddModelError(key, whenEmpty);
        else if (text.Length > LeaderApplication.TextMaxLength) ModelState.AddModelError(key, $"Keep it to {LeaderApplication.TextMaxLength} characters or fewer (it has {text.Length}).");
        return ModelState.IsValid ? null : Page();
    }

    IActionResult Refused(string refusal)
    {
        ModelState.AddModelError("", refusal);
        return Page();
    }

    async Task<IActionResult?> LoadAsync(int id)
    {
        if (!await me.IsHqAdminAsync()) return Forbid();
        var app = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Member).Include(a => a.Messages).SingleOrDefaultAsync(a => a.Id == id);
        if (app is null) return NotFound();
        Application = app;
        Zones = TimeZones.InCountry(app.Country);
        OtherApplications = await db.Applications.CountAsync(a => a.MemberId == app.MemberId && a.Id != id);
        db.Record(me.Id!, "application-read", $"application:{id}", $"member:{app.MemberId}", clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
