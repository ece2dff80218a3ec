using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Calendars;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

[Authorize]
public class MyRunsModel(AppDb db, CurrentMember me, IClock clock, SiteLinks links) : PageModel
{
    public string? CalendarUrl { get; private set; }
    public string? WebcalUrl => CalendarUrl is null ? null : "webcal" + CalendarUrl[CalendarUrl.IndexOf(':')..];

    public record Item(Run Run, bool FirstTime, RsvpStatus Status, Instant? OfferExpiresAt);

    public List<Item> Upcoming { get; private set; } = [];
    public List<Run> Leading { get; private set; } = [];

    /// <summary>Creates the member's private calendar address, or replaces it (revoking the old one).</summary>
    public async Task<IActionResult> OnPostNewCalendarLinkAsync()
    {
        var member = await db.Users.SingleAsync(u => u.Id == me.Id);
        var hadOne = member.CalendarToken is not null;
        member.CalendarToken = CalendarsApi.NewToken();
        await db.SaveChangesAsync();
        TempData["Notice"] = hadOne ? "Here is your new calendar address. The old one no longer works." : "Here is your private calendar address.";
        return Redirect("/my-runs#calendar");
    }

    public async Task OnGetAsync()
    {
        var now = clock.GetCurrentInstant();
        var id = me.Id!;
        var mine = await db.Rsvps.AsNoTracking()
            .Where(r => r.MemberId == id && r.Run!.StartsAt > now)
            .Include(r => r.Run).ThenInclude(r => r!.Group)
            .Include(r => r.Run).ThenInclude(r => r!.MeetingPoint)
            .OrderBy(r => r.Run!.StartsAt)
            .ToListAsync();
        var firstTime = await db.Rsvps.Where(r => r.MemberId == id && r.Run!.StartsAt > now).FirstTimeIdsAsync(db);
        Upcoming = mine.Where(r => !r.OfferLapsed(now))
            .Select(r => new Item(r.Run!, firstTime.Contains(r.Id), r.Status, r.OfferExpiresAt)).ToList();

        var leadGroups = db.Memberships.Leading().Where(m => m.MemberId == id).Select(m => m.GroupId);
        var weekAhead = now.Plus(Duration.FromDays(7));
        Leading = await db.Runs.AsNoTracking().Include(r => r.Group)
            .Where(r => leadGroups.Contains(r.GroupId) && r.StartsAt > now && r.StartsAt < weekAhead)
            .OrderBy(r => r.StartsAt).ToListAsync();

        var token = await db.Users.Where(u => u.Id == id).Select(u => u.CalendarToken).SingleAsync();
        CalendarUrl = token is null ? null : links.Absolute($"/calendar/{token}.ics");
    }
}
