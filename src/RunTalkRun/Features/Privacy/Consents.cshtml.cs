using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;
using RunTalkRun.Features.Time;

namespace RunTalkRun.Features.Privacy;

/// <summary>What the member agreed to, with the wording's version and date; withdrawing it, and giving attendance again.</summary>
[Authorize]
public class ConsentsModel(CurrentMember me, ConsentChoices choices, AppDb db, NodaTime.IClock clock) : FormPage
{
    public List<ConsentState> Consents { get; private set; } = [];
    [BindProperty] public string? Kind { get; set; }
    /// <summary>"yes" on the second step: withdrawing asks first, saying what it will cancel.</summary>
    [BindProperty] public string? Confirm { get; set; }

    /// <summary>The consent asked about before it is withdrawn; null when not asking.</summary>
    public ConsentState? Confirming { get; private set; }
    /// <summary>For the attendance consent: the upcoming runs the member holds a place at, as shown ("Saturday 12 December, 9:00am: Parkrun social, Brighton").</summary>
    public List<string> Places { get; private set; } = [];
    /// <summary>For the attendance consent: the upcoming runs whose waiting list the member is on.</summary>
    public List<string> Waiting { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Consents = await choices.ForAsync(me.Id!);
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        if (Confirm == "yes" || ConsentChoices.KindFrom(Kind) is not { } kind) return await ChangeAsync(withdraw: true);
        // The first tap only asks: what withdrawing will do, and for attendance the places it gives up.
        await OnGetAsync();
        Confirming = Consents.FirstOrDefault(c => c.Kind == kind && c.Given && c.CantWithdraw is null);
        if (Confirming is null) return await ChangeAsync(withdraw: true); // nothing to ask: refused or already withdrawn
        if (kind == ConsentKind.AttendanceData)
        {
            var now = clock.GetCurrentInstant();
            var upcoming = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == me.Id && r.Run!.StartsAt > now && r.Run.Status == RunStatus.Scheduled)
                .Select(r => new { r.Status, r.Run!.Title, r.Run.StartsAt, r.Run.Group }).ToListAsync();
            string Shown(NodaTime.Instant at, string title, Groups.Group group) => $"{TimeText.DayAndTime(at, TimePlace.Of(group))}: {title}, {group.Name}";
            Places = upcoming.OrderBy(r => r.StartsAt).Where(r => r.Status != RsvpStatus.Waitlisted).Select(r => Shown(r.StartsAt, r.Title, r.Group!)).ToList();
            Waiting = upcoming.OrderBy(r => r.StartsAt).Where(r => r.Status == RsvpStatus.Waitlisted).Select(r => Shown(r.StartsAt, r.Title, r.Group!)).ToList();
        }
        return Page();
    }

    public Task<IActionResult> OnPostGiveAsync() => ChangeAsync(withdraw: false);

    async Task<IActionResult> ChangeAsync(bool withdraw)
    {
        if (ConsentChoices.KindFrom(Kind) is not { } kind)
        {
            ModelState.AddModelError("", "Choose a consent from the list.");
            await OnGetAsync();
            return Page();
        }
        var refused = withdraw ? await choices.WithdrawAsync(me.Id!, kind) : await choices.GiveAsync(me.Id!, kind);
        if (refused is { } r)
        {
            ModelState.AddModelError("", r.Message);
            await OnGetAsync();
            Response.StatusCode = r.Status;
            return Page();
        }
        TempData["Notice"] = (withdraw, kind) switch
        {
            (true, ConsentKind.AttendanceData) => "Done: we no longer keep a note of the runs you come to. Your places on upcoming runs have gone to others, and you can still just turn up.",
            (true, ConsentKind.LeadersCode) => "Done: you no longer lead runs. Thank you for everything you did as a leader.",
            (false, _) => "Thank you: you can say you're coming to runs again.",
            _ => "Done.",
        };
        return RedirectToPage();
    }
}
