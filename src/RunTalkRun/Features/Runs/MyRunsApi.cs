using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>A member's own runs, and "I usually come" to a series. Each member sees only their own.</summary>
public static class MyRunsApi
{
    public record MyRun(RunSummary Run, string Status, bool FirstTime, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt, bool FromSeries);
    public record MyRuns(MyRun[] Runs, int[] UsuallyComeToSeries);
    public record SeriesRsvpResponse(int SeriesId, RunsApi.RsvpResponse[] Runs);

    public static IEndpointRouteBuilder MapMyRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("My runs").RequireAuthorization();

        api.MapGet("/me/runs", async (AppDb db, CurrentMember me, IClock clock, Rsvps rsvps, HttpContext http) =>
        {
            var now = clock.GetCurrentInstant();
            var mine = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == me.Id && r.Run!.StartsAt > now)
                .Include(r => r.Run).ThenInclude(r => r!.Group).Include(r => r.Run).ThenInclude(r => r!.MeetingPoint).Include(r => r.Run).ThenInclude(r => r!.Leaders)
                .OrderBy(r => r.Run!.StartsAt).ToListAsync();
            var going = await Rsvps.GoingCountsAsync(db, mine.Select(r => r.RunId).ToList());
            var firstTime = await db.Rsvps.Where(r => r.MemberId == me.Id && r.Run!.StartsAt > now).FirstTimeIdsAsync(db);
            var runs = new List<MyRun>();
            foreach (var r in mine)
            {
                if (r.OfferLapsed(now)) continue; // passed on
                runs.Add(new MyRun(r.Run!.AsSummary(r.Run!.Group!, going.GetValueOrDefault(r.RunId), r.Run.Leaders.Count > 0), r.Status.ToString().ToLowerInvariant(), firstTime.Contains(r.Id),
                    r.Status == RsvpStatus.Waitlisted ? await rsvps.PositionAsync(r) : null,
                    r.OfferExpiresAt is { } until ? until.ToDateTimeOffset() : null, r.FromSeries));
            }
            var series = await db.SeriesRsvps.Where(s => s.MemberId == me.Id).OrderBy(s => s.SeriesId).Select(s => s.SeriesId).ToArrayAsync();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new MyRuns(runs.ToArray(), series));
        }).WithSummary("My upcoming runs: going, waitlisted (with my place in the queue) or offered a place; and the series I usually come to");

        api.MapPost("/series/{id:int}/rsvp", async Task<Results<Created<SeriesRsvpResponse>, ProblemHttpResult>> (int id, CurrentMember me, Rsvps rsvps, AppDb db) =>
        {
            var (found, ended, already, outcomes) = await rsvps.UsuallyComeAsync(id, me.Id!);
            if (!found) return TypedResults.Problem($"There is no run series with id {id}.", statusCode: 404, title: "Series not found");
            if (ended) return TypedResults.Problem("This series has ended, so there are no more runs to come to. Have a look at the group's other runs.", statusCode: 409, title: "Series ended");
            if (outcomes.FirstOrDefault()?.Refusal == RsvpRefusal.NoConsent)
                return TypedResults.Problem(RsvpRefusal.NoConsent.Message(), statusCode: 409, title: RsvpRefusal.NoConsent.Title(), extensions: RsvpRefusal.NoConsent.Extensions());
            if (already) return TypedResults.Problem("You already usually come to this series: you have a place on each of its runs.", statusCode: 409, title: "Already coming");
            var going = await Rsvps.GoingCountsAsync(db, outcomes.Where(o => o.Rsvp is not null).Select(o => o.Rsvp!.RunId).ToList());
            var runs = outcomes.Where(o => o.Rsvp is not null)
                .Select(o => RunsApi.ResponseFor(o.Rsvp!, going.GetValueOrDefault(o.Rsvp!.RunId), o.WaitlistPosition)).ToArray();
            return TypedResults.Created($"/api/v1/series/{id}/rsvp", new SeriesRsvpResponse(id, runs));
        }).WithSummary("\"I usually come\": a place on each upcoming and each new run of a series (waitlisted where a run is full)");

        api.MapDelete("/series/{id:int}/rsvp", async Task<Results<NoContent, ProblemHttpResult>> (int id, CurrentMember me, Rsvps rsvps, AppDb db) =>
        {
            if (!await db.RunSeries.AnyAsync(s => s.Id == id)) return TypedResults.Problem($"There is no run series with id {id}.", statusCode: 404, title: "Series not found");
            await rsvps.StopUsuallyComingAsync(id, me.Id!);
            return TypedResults.NoContent();
        }).WithSummary("Stop \"I usually come\": no places on new runs, and the upcoming places it gave are freed");

        return app;
    }
}
