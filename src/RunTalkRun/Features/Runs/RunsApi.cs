using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Runs;

public static class RunsApi
{
    public record RsvpRequest(bool FirstTime);
    /// <summary>status: going, waitlisted (with waitlistPosition, 1 = next) or offered (with offerExpiresAt).</summary>
    /// <summary>For a virtual run, onlineAddressShownFrom says when the people going see its onlineAddress (null until then, and for anyone not going).</summary>
    public record RsvpResponse(int RunId, string Status, bool FirstTime, int GoingCount, int? WaitlistPosition = null, DateTimeOffset? OfferExpiresAt = null,
        string? OnlineAddress = null, DateTimeOffset? OnlineAddressShownFrom = null);
    public record Attendee(string Nickname, bool FirstTime, DateTimeOffset Since, string Status);

    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runs").WithTags("Runs");

        api.MapGet("/", async Task<Results<Ok<RunSummary[]>, ValidationProblem>> (
            string? near, double? radiusKm, string? from, string? to, bool? @virtual, AppDb db, IClock clock) =>
        {
            var (query, errors) = RunsNear.Parse(near, radiusKm, from, to, @virtual, clock.GetCurrentInstant());
            if (query is null) return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok((await RunsNear.FindAsync(db, query)).ToArray());
        }).WithSummary("Runs near a point (near=lat,lon, radiusKm, default 50) from..to (default the next 14 days); virtual=true for virtual runs only, false for none")
            .WithDescription("from and to take a time with an offset (2027-03-05T18:00:00Z, 2027-03-05T18:00:00-08:00), which means exactly that instant, or a date without a time (2027-03-05), which means that calendar day in the time zone of each run's own group: from=2027-03-05 includes a Brisbane run at 06:30 on 5 March, and to=2027-03-14 includes the whole of 14 March, so a Los Angeles run at 19:00 that day. A to time is not included; a to date is.");

        api.MapGet("/{id:int}", async Task<Results<Ok<RunSummary>, ProblemHttpResult>> (int id, AppDb db) =>
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return NoSuchRun(id);
            var going = await db.Rsvps.Where(r => r.RunId == id).Going().CountAsync();
            return TypedResults.Ok(run.AsSummary(run.Group!, going, await db.RunLeaders.AnyAsync(l => l.RunId == id)));
        }).WithSummary("One run, with a count of who is coming");

        api.MapPost("/{id:int}/rsvp", async Task<Results<Created<RsvpResponse>, ProblemHttpResult>> (
            int id, RsvpRequest? request, AppDb db, CurrentMember me, Rsvps rsvps) =>
        {
            var outcome = await rsvps.SayImComingAsync(id, me.Id!, request?.FirstTime ?? false);
            if (outcome.Refusal is { } refusal) return Refused(refusal, id, outcome.WaitlistPosition);
            var going = await db.Rsvps.Where(r => r.RunId == id).Going().CountAsync();
            return TypedResults.Created($"/api/v1/runs/{id}/rsvp", ResponseFor(outcome.Rsvp!, going, outcome.WaitlistPosition));
        }).RequireAuthorization()
            .WithSummary("Say \"I'm coming\" to a run: going, or waitlisted when it is full; for an offered place, takes it");

        api.MapGet("/{id:int}/rsvp", async Task<Results<Ok<RsvpResponse>, ProblemHttpResult>> (
            int id, AppDb db, CurrentMember me, Rsvps rsvps, HttpContext http, IClock clock, IOptions<OnlineAddressSettings> online) =>
        {
            var mine = await db.Rsvps.AsNoTracking().Include(r => r.Run).SingleOrDefaultAsync(r => r.RunId == id && r.MemberId == me.Id);
            if (mine is null)
                return TypedResults.Problem("You haven't said you're coming to this run.", statusCode: 404, title: "No RSVP");
            var going = await db.Rsvps.Where(r => r.RunId == id).Going().CountAsync();
            http.Response.Headers.CacheControl = "no-store";
            var response = ResponseFor(mine, going, mine.Status == RsvpStatus.Waitlisted ? await rsvps.PositionAsync(mine) : null);
            if (mine.Run!.IsVirtual)
                response = response with
                {
                    OnlineAddress = OnlineAddress.Shown(mine.Run, false, mine, clock.GetCurrentInstant(), online.Value) ? mine.Run.OnlineAddress : null,
                    OnlineAddressShownFrom = OnlineAddress.ShownFrom(mine.Run, online.Value).ToDateTimeOffset(),
                };
            return TypedResults.Ok(response);
        }).RequireAuthorization().WithSummary("My RSVP to a run: going, waitlisted (with my place in the queue) or offered; for a virtual run, its online address once it is shown");

        api.MapDelete("/{id:int}/rsvp", async Task<Results<NoContent, ProblemHttpResult>> (int id, CurrentMember me, Rsvps rsvps) =>
        {
            var refusal = await rsvps.CantMakeItAsync(id, me.Id!);
            return refusal is { } r ? Refused(r, id) : TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("\"I can't make it any more\": drop out of a run, leave its waitlist or turn down an offered place");

        api.MapGet("/{id:int}/attendees", async Task<Results<Ok<Attendee[]>, ProblemHttpResult, ForbidHttpResult>> (
            int id, AppDb db, CurrentMember me, IClock clock, HttpContext http) =>
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return NoSuchRun(id);
            if (!await me.CanSeeAttendanceAsync(run.GroupId)) return TypedResults.Forbid();
            var list = await WhosComing.ReadAsync(db, run, me.Id!, clock.GetCurrentInstant());
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(list.Select(a => new Attendee(a.Nickname, a.FirstTime, a.Since.ToDateTimeOffset(), a.Status.ToString().ToLowerInvariant())).ToArray());
        }).RequireAuthorization().WithSummary("Who is coming (the leaders of the run's group only)");

        return api;
    }

    static ProblemHttpResult NoSuchRun(int id) =>
        TypedResults.Problem($"There is no run with id {id}.", statusCode: 404, title: "Run not found");

    public static RsvpResponse ResponseFor(Rsvp rsvp, int going, int? position) => new(rsvp.RunId,
        rsvp.Status.ToString().ToLowerInvariant(), rsvp.FirstTime, going, position,
        rsvp.OfferExpiresAt is { } until ? until.ToDateTimeOffset() : null);

    static ProblemHttpResult Refused(RsvpRefusal refusal, int id, int? position = null)
    {
        if (refusal == RsvpRefusal.NotFound) return NoSuchRun(id);
        var extensions = refusal.Extensions();
        if (position is { } p) extensions["waitlistPosition"] = p;
        return TypedResults.Problem(refusal.Message(), statusCode: 409, title: refusal.Title(), extensions: extensions);
    }
}
