using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

/// <summary>A group's organisers and leaders (and HQ) change its description, links, meeting points and series. Nobody else can.</summary>
public static class GroupManagementApi
{
    public static IEndpointRouteBuilder MapGroupManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Group management").RequireAuthorization();

        api.MapPut("/groups/{slug}/profile", async Task<Results<Ok<GroupsApi.GroupDetails>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            string slug, GroupProfileRequest request, AppDb db, CurrentMember me) =>
        {
            var group = await db.Groups.Include(g => g.MeetingPoints).SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var errors = request.Check();
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            request.ApplyTo(group);
            await db.SaveChangesAsync();
            return TypedResults.Ok(await GroupsApi.DetailsAsync(db, group));
        }).WithSummary("Replace a group's description and links (its leaders and HQ)");

        api.MapPost("/groups/{slug}/meeting-points", async Task<Results<Created<MeetingPointSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            string slug, MeetingPointRequest request, AppDb db, CurrentMember me) =>
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var point = new MeetingPoint();
            var errors = await MeetingPoints.SaveAsync(db, group, point, request);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            return TypedResults.Created($"/api/v1/groups/{slug}", point.AsSummary());
        }).WithSummary("Add a meeting point to a group (its leaders and HQ)");

        api.MapPut("/groups/{slug}/meeting-points/{id:int}", async Task<Results<Ok<MeetingPointSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            string slug, int id, MeetingPointRequest request, AppDb db, CurrentMember me) =>
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var point = await db.MeetingPoints.SingleOrDefaultAsync(m => m.Id == id && m.GroupId == group.Id);
            if (point is null) return NoSuchMeetingPoint(id, group);
            var errors = await MeetingPoints.SaveAsync(db, group, point, request);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            return TypedResults.Ok(point.AsSummary());
        }).WithSummary("Replace a meeting point's details (its group's leaders and HQ)");

        api.MapDelete("/groups/{slug}/meeting-points/{id:int}", async Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> (
            string slug, int id, AppDb db, CurrentMember me, IClock clock) =>
        {
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var point = await db.MeetingPoints.SingleOrDefaultAsync(m => m.Id == id && m.GroupId == group.Id);
            if (point is null) return NoSuchMeetingPoint(id, group);
            var refusal = await MeetingPoints.DeleteAsync(db, group, point, clock.GetCurrentInstant());
            if (refusal is not null) return TypedResults.Problem(refusal, statusCode: 409, title: "The meeting point is still in use");
            return TypedResults.NoContent();
        }).WithSummary("Remove a meeting point that no series or upcoming run uses (its group's leaders and HQ)");

        api.MapPatch("/series/{id:int}", async Task<Results<Ok<SeriesSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, JsonElement body, AppDb db, CurrentMember me, IClock clock, RunChanges changes) =>
        {
            var series = await db.RunSeries.Include(s => s.Group).SingleOrDefaultAsync(s => s.Id == id);
            if (series is null) return TypedResults.Problem($"There is no run series with id {id}.", statusCode: 404, title: "Series not found");
            if (!await me.CanLeadAsync(series.GroupId)) return TypedResults.Forbid();
            if (body.ValueKind != JsonValueKind.Object)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object like {\"endsOn\": \"2026-12-31\"}."] });
            var errors = new Dictionary<string, string[]>();
            string? endsOnText = null;
            foreach (var p in body.EnumerateObject())
            {
                if (p.Name == "endsOn" && p.Value.ValueKind == JsonValueKind.String) endsOnText = p.Value.GetString();
                else if (p.Name == "endsOn") errors["endsOn"] = ["endsOn must be a date like 2026-12-31."];
                else errors[p.Name] = [$"'{p.Name}' can't be changed here. To change a series, end it and start a new one; change single runs with PATCH /api/v1/runs/{{id}}."];
            }
            if (endsOnText is null && errors.Count == 0) errors["endsOn"] = ["Give endsOn, the date of the series' last run, like 2026-12-31."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            var now = clock.GetCurrentInstant();
            if (SeriesEnd.CheckDate(endsOnText, series, now, out var endsOn) is { } error)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endsOn"] = [error] });
            await SeriesEnd.EndAsync(db, changes, series, endsOn, now);
            return TypedResults.Ok(series.AsSummary());
        }).WithSummary("End a run series after a date: later runs are removed, or cancelled if people said they're coming (its group's leaders and HQ)");

        return app;
    }

    static ProblemHttpResult NoSuchMeetingPoint(int id, Group group) =>
        TypedResults.Problem($"{group.Name} has no meeting point with id {id}.", statusCode: 404, title: "Meeting point not found");
}
