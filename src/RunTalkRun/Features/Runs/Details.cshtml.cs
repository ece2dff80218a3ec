using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

public class DetailsModel(AppDb db, CurrentMember me, IClock clock, Rsvps rsvps, Talk.Rooms rooms, IOptions<OnlineAddressSettings> online) : PageModel
{
    public record RsvpForm(bool FirstTime = false);

    [BindProperty]
    public RsvpForm Input { get; set; } = new();

    public Run Run { get; private set; } = null!;
    public int Going { get; private set; }
    public Rsvp? MyRsvp { get; private set; }
    /// <summary>Whether my RSVP counts as a first time (<see cref="FirstTimeQueries"/>).</summary>
    public bool MyFirstTime { get; private set; }
    public int? MyPosition { get; private set; }
    /// <summary>When an offered place stops being held, in the group's local time.</summary>
    public string? OfferUntil { get; private set; }
    /// <summary>Every place is taken (or someone is already waiting): a new RSVP joins the waitlist.</summary>
    public bool Full { get; private set; }
    /// <summary>For a run of a series: the series in words ("Every Thursday at 19:00"), and whether I usually come.</summary>
    public string? Series { get; private set; }
    public bool UsuallyCome { get; private set; }
    public bool SignedIn { get; private set; }
    public bool CanLead { get; private set; }
    /// <summary>The group's own leaders see who is coming and the register; HQ admins manage the run but don't.</summary>
    public bool SeesAttendance { get; private set; }
    /// <summary>The nicknames of those on the run's roster; nobody means it isn't confirmed.</summary>
    public List<string> Leaders { get; private set; } = [];
    public bool ImLeading { get; private set; }
    public bool HasStarted { get; private set; }
    public bool CanRsvp { get; private set; }
    /// <summary>Signed in but has withdrawn the attendance consent: the page says so, with a link, instead of "I'm coming".</summary>
    public bool NoAttendanceConsent { get; private set; }
    /// <summary>For a virtual run, when the online talk starts, in the group's local time.</summary>
    public string? TalkOnline { get; private set; }
    public string StartsAtIso { get; private set; } = "";
    /// <summary>A virtual run's online address, for those who see it now (<see cref="Runs.OnlineAddress.Shown"/>); null otherwise.</summary>
    public string? OnlineAddress { get; private set; }
    /// <summary>When the people coming see the online address, in the group's local time ("10:15 on Saturday 12 December").</summary>
    public string OnlineAddressFrom { get; private set; } = "";
    public int OnlineAddressMinutesBefore => online.Value.ShownMinutesBefore;
    /// <summary>The run's chat thread, for the group's people and anyone coming; null for everyone else.</summary>
    public int? ThreadId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostImComingAsync(int id)
    {
        // Razor Pages can't authorize one handler, so the sign-in check is here.
        if (!me.IsSignedIn) return Challenge();
        var outcome = await rsvps.SayImComingAsync(id, me.Id!, Input.FirstTime);
        if (outcome.Refusal == RsvpRefusal.NotFound) return NotFound();
        if (outcome.Refusal is { } refusal)
        {
            // The summary's link goes to the sentence that links to the consents page.
            ModelState.AddModelError(refusal == RsvpRefusal.NoConsent ? "no-consent" : "", refusal.Message());
            await LoadAsync(id);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Notice"] = outcome.WaitlistPosition is { } position
            ? $"You're on the waitlist, number {position}. If a place frees up, we'll email you and hold it for you for a while."
            : Input.FirstTime
                ? "You're coming, and we've let the leaders know it's your first time. See you there!"
                : "You're coming. See you there!";
        return RedirectToPage(new { id });
    }

    /// <summary>"I usually come": a place on every run of this run's series.</summary>
    public async Task<IActionResult> OnPostUsuallyComeAsync(int id)
    {
        if (!me.IsSignedIn) return Challenge();
        var seriesId = await db.Runs.Where(r => r.Id == id).Select(r => r.SeriesId).SingleOrDefaultAsync();
        if (seriesId is null) return NotFound();
        var (_, ended, _, outcomes) = await rsvps.UsuallyComeAsync(seriesId.Value, me.Id!);
        if (ended || outcomes.FirstOrDefault()?.Refusal == RsvpRefusal.NoConsent)
        {
            ModelState.AddModelError(ended ? "" : "no-consent", ended ? "This series has ended, so there are no more runs to come to." : RsvpRefusal.NoConsent.Message());
            await LoadAsync(id);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var waiting = outcomes.Count(o => o.Rsvp?.Status == RsvpStatus.Waitlisted);
        TempData["Notice"] = "You're down for every run of this series, and for each new one. You can still drop any run on its own."
            + (waiting > 0 ? $" {waiting} {(waiting == 1 ? "run is" : "runs are")} full, so you're on the waitlist there." : "");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStopUsuallyComingAsync(int id)
    {
        if (!me.IsSignedIn) return Challenge();
        var seriesId = await db.Runs.Where(r => r.Id == id).Select(r => r.SeriesId).SingleOrDefaultAsync();
        if (seriesId is null) return NotFound();
        await rsvps.StopUsuallyComingAsync(seriesId.Value, me.Id!);
        TempData["Notice"] = "Done: you're no longer down for this series' runs. Come whenever you like.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCantMakeItAsync(int id)
    {
        if (!me.IsSignedIn) return Challenge();
        var refusal = await rsvps.CantMakeItAsync(id, me.Id!);
        if (refusal == RsvpRefusal.NotFound) return NotFound();
        if (refusal is { } r)
        {
            ModelState.AddModelError("", r.Message());
            await LoadAsync(id);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Notice"] = "Thanks for letting us know. We hope to see you another time.";
        return RedirectToPage(new { id });
    }

    async Task<bool> LoadAsync(int id)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return false;
        Run = run;
        var now = clock.GetCurrentInstant();
        // "Coming" is those going, as on every page and endpoint; a place on offer counts against the cap only.
        Going = await db.Rsvps.Where(r => r.RunId == id).Going().CountAsync();
        SignedIn = me.IsSignedIn;
        MyRsvp = me.Id is { } myId ? await db.Rsvps.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == id && r.MemberId == myId) : null;
        if (MyRsvp?.OfferLapsed(now) == true) MyRsvp = null; // the offer has passed on
        if (MyRsvp is { } myRsvp) MyFirstTime = await db.Rsvps.Where(r => r.Id == myRsvp.Id).FirstTime(db).AnyAsync();
        if (MyRsvp?.Status == RsvpStatus.Waitlisted) MyPosition = await rsvps.PositionAsync(MyRsvp);
        if (MyRsvp?.OfferExpiresAt is { } expires)
        {
            var place = Time.TimePlace.Of(run.Group!);
            OfferUntil = Time.TimeText.Time(expires, place) + " on " + Time.TimeText.DayNoYear(expires, place);
        }
        if (run.Capacity is { } cap)
            Full = await Rsvps.PlacesTakenAsync(db, id) >= cap || await db.Rsvps.Where(r => r.RunId == id).Waitlisted().AnyAsync();
        CanLead = await me.CanLeadAsync(run.GroupId);
        SeesAttendance = await me.CanSeeAttendanceAsync(run.GroupId);
        var roster = await db.RunLeaders.Where(l => l.RunId == run.Id).Select(l => new { l.MemberId, l.Member!.Nickname }).ToListAsync();
        Leaders = roster.Select(l => l.Nickname).Order(StringComparer.CurrentCulture).ToList();
        ImLeading = roster.Any(l => l.MemberId == me.Id);
        HasStarted = run.HasStarted(now);
        CanRsvp = run.RefuseRsvp(now) is null;
        NoAttendanceConsent = me.Id is { } member && !await rsvps.ConsentsToAttendanceAsync(member);
        StartsAtIso = Time.TimeText.Iso(run.StartsAt);
        if (run.SeriesId is { } seriesId && await db.RunSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId) is { } series)
        {
            Series = series.Describe();
            UsuallyCome = me.Id is { } mine && await db.SeriesRsvps.AnyAsync(s => s.SeriesId == seriesId && s.MemberId == mine);
        }
        if (me.Id is { } memberId && run.Status != RunStatus.Cancelled
            && (MyRsvp is not null || await db.Memberships.AnyAsync(m => m.GroupId == run.GroupId && m.MemberId == memberId)))
            ThreadId = (await rooms.GetOrCreateAsync(Talk.RoomKind.Run, runId: run.Id)).Id;
        if (run.IsVirtual)
        {
            if (Runs.OnlineAddress.Shown(run, CanLead, MyRsvp, now, online.Value)) OnlineAddress = run.OnlineAddress;
            var from = Runs.OnlineAddress.ShownFrom(run, online.Value);
            var place = Time.TimePlace.Of(run.Group!);
            OnlineAddressFrom = Time.TimeText.Time(from, place) + " on " + Time.TimeText.DayNoYear(from, place);
        }
        TalkOnline = run.TalkOnlineAt is { } talk
            ? Time.TimeText.Time(talk, Time.TimePlace.Of(run.Group!))
            : null;
        return true;
    }
}
