using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Calendars;

/// <summary>
/// iCalendar feeds: each group's runs (public), one run ("add to calendar"), and each member's
/// own runs at a secret, revocable address (who goes to which run is health data).
/// </summary>
public static class CalendarsApi
{
    public const int WeeksBack = 4;

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        app.MapGet("/groups/{slug}/calendar.ics", async Task<Results<ContentHttpResult, NotFound>> (string slug, AppDb db, SiteLinks links, IClock clock, HttpResponse response) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return TypedResults.NotFound();
            var now = clock.GetCurrentInstant();
            var since = now.Minus(NodaTime.Duration.FromDays(7 * WeeksBack));
            var runs = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).Include(r => r.Leaders)
                .Where(r => r.GroupId == group.Id && r.StartsAt >= since).OrderBy(r => r.StartsAt).ToListAsync();
            response.Headers.CacheControl = "public, max-age=900";
            return TypedResults.Text(RunCalendar.Write($"Run Talk Run {group.Name}", runs, links, now), RunCalendar.ContentType);
        }).WithTags("Calendars").WithSummary("A group's runs as an iCalendar feed");

        app.MapGet("/runs/{id:int}/calendar.ics", async Task<Results<ContentHttpResult, NotFound>> (int id, AppDb db, SiteLinks links, IClock clock, HttpResponse response) =>
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).Include(r => r.Leaders).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return TypedResults.NotFound();
            response.Headers.ContentDisposition = $"attachment; filename=\"run-talk-run-{run.Id}.ics\"";
            return TypedResults.Text(RunCalendar.Write($"Run Talk Run {run.Group!.Name}", [run], links, clock.GetCurrentInstant()), RunCalendar.ContentType);
        }).WithTags("Calendars").WithSummary("One run, to add to a calendar");

        app.MapGet("/calendar/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token, AppDb db, SiteLinks links, IClock clock, HttpResponse response) =>
        {
            // Unknown and revoked addresses look the same: not found.
            if (token.Length is < 20 or > 64) return TypedResults.NotFound();
            var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.CalendarToken == token);
            if (member is null) return TypedResults.NotFound();
            var now = clock.GetCurrentInstant();
            var since = now.Minus(NodaTime.Duration.FromDays(7 * WeeksBack));
            var runs = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).Include(r => r.Leaders)
                .Where(r => r.StartsAt >= since && r.Rsvps.AsQueryable().Where(RsvpQueries.IsGoing).Any(x => x.MemberId == member.Id))
                .OrderBy(r => r.StartsAt).ToListAsync();
            response.Headers.CacheControl = "private, max-age=900";
            response.Headers["X-Robots-Tag"] = "noindex";
            return TypedResults.Text(RunCalendar.Write("My Run Talk Run runs", runs, links, now), RunCalendar.ContentType);
        }).WithTags("Calendars").WithSummary("A member's own runs, at a secret address");

        return app;
    }

    /// <summary>A new secret for a member's feed; the old address stops working at once.</summary>
    public static string NewToken() =>
        Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
}
