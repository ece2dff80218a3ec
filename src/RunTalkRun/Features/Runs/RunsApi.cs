using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;

namespace RunTalkRun.Features.Runs;

public static class RunsApi
{
    public record RsvpRequest(bool FirstTime);
    public record RsvpResponse(int RunId, string Status, bool FirstTime, int GoingCount);
    public record Attendee(string Nickname, bool FirstTime, DateTimeOffset Since);

    public static RouteGroupBuilder MapRuns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/runs").WithTags("Runs");

        api.MapGet("/", async Task<Results<Ok<RunSummary[]>, ValidationProblem>> (
            string? near, double? radiusKm, string? from, string? to, bool? @virtual, AppDb db, IClock clock) =>
        {
            var (query, errors) = RunsNear.Parse(near, radiusKm, from, to, @virtual, clock.GetCurrentInstant());
            if (query is null) return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok((await RunsNear.FindAsync(db, query)).ToArray());
        }).WithSummary("Runs near a point (near=lat,lon, radiusKm, default 50) from..to (default the next 14 days); virtual=true for virtual runs only, false for none");

        api.MapGet("/{id:int}", async Task<Results<Ok<RunSummary>, ProblemHttpResult>> (int id, AppDb db) =>
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return NoSuchRun(id);
            var going = await db.Rsvps.CountAsync(r => r.RunId == id);
            return TypedResults.Ok(run.AsSummary(run.Group!, going));
        }).WithSummary("One run, with a count of who is coming");

        api.MapPost("/{id:int}/rsvp", async Task<Results<Created<RsvpResponse>, ProblemHttpResult>> (
            int id, RsvpRequest? request, AppDb db, CurrentMember me, IClock clock) =>
        {
            var outcome = await Rsvps.SayImComingAsync(db, id, me.Id!, request?.FirstTime ?? false, clock.GetCurrentInstant());
            if (outcome.Refusal is { } refusal) return Refused(refusal, id);
            var going = await db.Rsvps.CountAsync(r => r.RunId == id);
            return TypedResults.Created($"/api/v1/runs/{id}/rsvp", new RsvpResponse(id, "going", outcome.Rsvp!.FirstTime, going));
        }).RequireAuthorization().WithSummary("Say \"I'm coming\" to a run");

        api.MapDelete("/{id:int}/rsvp", async Task<Results<NoContent, ProblemHttpResult>> (int id, AppDb db, CurrentMember me, IClock clock) =>
        {
            var refusal = await Rsvps.CantMakeItAsync(db, id, me.Id!, clock.GetCurrentInstant());
            return refusal is { } r ? Refused(r, id) : TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("\"I can't make it any more\": drop out of a run");

        api.MapGet("/{id:int}/attendees", async Task<Results<Ok<Attendee[]>, ProblemHttpResult, ForbidHttpResult>> (
            int id, AppDb db, CurrentMember me, IClock clock, HttpContext http) =>
        {
            var run = await db.Runs.AsNoTracking().Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return NoSuchRun(id);
            if (!await me.CanLeadAsync(run.GroupId)) return TypedResults.Forbid();
            var list = await WhosComing.ReadAsync(db, run, me.Id!, clock.GetCurrentInstant());
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(list.Select(a => new Attendee(a.Nickname, a.FirstTime, new DateTimeOffset(a.Since))).ToArray());
        }).RequireAuthorization().WithSummary("Who is coming (the run's group leaders and HQ only)");

        return api;
    }

    static ProblemHttpResult NoSuchRun(int id) =>
        TypedResults.Problem($"There is no run with id {id}.", statusCode: 404, title: "Run not found");

    static ProblemHttpResult Refused(RsvpRefusal refusal, int id) => refusal == RsvpRefusal.NotFound
        ? NoSuchRun(id)
        : TypedResults.Problem(refusal.Message(), statusCode: 409, title: refusal.Title(),
            extensions: new Dictionary<string, object?> { ["reason"] = refusal.ToString() });
}
