using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>Organisers and leaders of a group (and HQ) change its runs and add series. Nobody else can.</summary>
public static class RunManagementApi
{
    public record SeriesCreated(int Id, string Title, string RecurrenceRule, RunSummary[] FirstRuns);

    public static IEndpointRouteBuilder MapRunManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Runs").RequireAuthorization();

        api.MapPatch("/runs/{id:int}", async Task<Results<Ok<RunSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, JsonElement body, AppDb db, CurrentMember me, RunChanges changes) =>
        {
            var run = await db.Runs.Include(r => r.Group).Include(r => r.MeetingPoint).SingleOrDefaultAsync(r => r.Id == id);
            if (run is null) return TypedResults.Problem($"There is no run with id {id}.", statusCode: 404, title: "Run not found");
            if (!await me.CanLeadAsync(run.GroupId)) return TypedResults.Forbid();

            var (edit, shapeErrors) = ReadEdit(body);
            if (shapeErrors.Count > 0) return TypedResults.ValidationProblem(shapeErrors);
            var meetingPoints = await db.MeetingPoints.Where(m => m.GroupId == run.GroupId).ToListAsync();
            var errors = await changes.ApplyAsync(run, edit!, meetingPoints, me.Id);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            var going = await db.Rsvps.Where(r => r.RunId == id).Going().CountAsync();
            run.MeetingPoint = meetingPoints.SingleOrDefault(m => m.Id == run.MeetingPointId);
            return TypedResults.Ok(run.AsSummary(run.Group!, going, await db.RunLeaders.AnyAsync(l => l.RunId == id)));
        }).WithSummary("Move, re-place, cap, cancel or reinstate one run, or give a virtual run's online address (its group's leaders and HQ)");

        api.MapPost("/groups/{slug}/series", async Task<Results<Created<SeriesCreated>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            string slug, SeriesRequest request, AppDb db, CurrentMember me, IClock clock, RunScheduler scheduler) =>
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return TypedResults.Problem($"There is no group called '{slug}'.", statusCode: 404, title: "Group not found");
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var meetingPoints = await db.MeetingPoints.Where(m => m.GroupId == group.Id).ToListAsync();
            var (series, errors) = request.Check(group, meetingPoints, clock.GetCurrentInstant());
            if (series is null) return TypedResults.ValidationProblem(errors);

            // Whoever sets up a series usually leads it, if they lead in the group (an HQ admin doing it for a group doesn't).
            await scheduler.AddSeriesAsync(db, series, await me.CanSeeAttendanceAsync(group.Id) ? me.Id : null);

            var runs = await db.Runs.AsNoTracking().Include(r => r.MeetingPoint).Include(r => r.Leaders).Where(r => r.SeriesId == series.Id)
                .OrderBy(r => r.StartsAt).Take(4).ToListAsync();
            return TypedResults.Created($"/api/v1/groups/{slug}/runs",
                new SeriesCreated(series.Id, series.Title, series.RecurrenceRule, runs.Select(r => r.AsSummary(group, 0, r.Leaders.Count > 0)).ToArray()));
        }).WithSummary("Add a run series to a group (its leaders and HQ)");

        return app;
    }

    /// <summary>Reads a PATCH body: only the fields present change. Unknown fields and wrong types are errors.</summary>
    static (RunEdit? Edit, Dictionary<string, string[]> Errors) ReadEdit(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object) return (null, new() { ["body"] = ["Send a JSON object with the fields to change."] });
        Instant? startsAt = null; LocalDateTime? local = null; int? meetingPointId = null; bool capacityGiven = false; int? capacity = null;
        bool? cancelled = null; string? reason = null; bool addressGiven = false; string? address = null;
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "startsAt":
                    (startsAt, local) = p.Value.ValueKind == JsonValueKind.String ? RunEdit.ParseStart(p.Value.GetString()!) : (null, null);
                    if (startsAt is null && local is null) errors["startsAt"] = ["startsAt must be a date and time like 2026-12-03T19:00 (the group's local time) or 2026-12-03T19:00:00+00:00."];
                    break;
                case "meetingPointId":
                    if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var mp)) meetingPointId = mp;
                    else errors["meetingPointId"] = ["meetingPointId must be the id of one of the group's meeting points."];
                    break;
                case "capacity":
                    capacityGiven = true;
                    if (p.Value.ValueKind == JsonValueKind.Null) capacity = null;
                    else if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var cap)) capacity = cap;
                    else errors["capacity"] = ["capacity must be a whole number of people, or null for no cap."];
                    break;
                case "status":
                    var status = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    if (status == "cancelled") cancelled = true;
                    else if (status == "scheduled") cancelled = false;
                    else errors["status"] = ["status must be \"cancelled\" or \"scheduled\"."];
                    break;
                case "cancelReason":
                    if (p.Value.ValueKind == JsonValueKind.String) reason = p.Value.GetString();
                    else errors["cancelReason"] = ["cancelReason must be text."];
                    break;
                case "onlineAddress":
                    addressGiven = true;
                    if (p.Value.ValueKind == JsonValueKind.String) address = p.Value.GetString();
                    else if (p.Value.ValueKind != JsonValueKind.Null) errors["onlineAddress"] = ["onlineAddress must be an https address as text, or null for none."];
                    break;
                default:
                    errors[p.Name] = [$"'{p.Name}' can't be changed here. You can change startsAt, meetingPointId, capacity, status, cancelReason and onlineAddress."];
                    break;
            }
        }
        if (errors.Count > 0) return (null, errors);
        return (new RunEdit { StartsAt = startsAt, LocalStart = local, MeetingPointId = meetingPointId, CapacityGiven = capacityGiven, Capacity = capacity, Cancelled = cancelled, CancelReason = reason,
            OnlineAddressGiven = addressGiven, OnlineAddress = address }, errors);
    }
}
