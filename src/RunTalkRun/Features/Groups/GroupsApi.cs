using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

public static class GroupsApi
{
    public record GroupDetails(GroupSummary Group, string About, MeetingPointSummary[] MeetingPoints, string[] Leaders, GroupLink[] Links);

    public static RouteGroupBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/groups").WithTags("Groups");

        api.MapGet("/", async Task<Results<Ok<GroupSummary[]>, ValidationProblem>> (string? near, double? radiusKm, AppDb db) =>
        {
            if (near is null)
            {
                var groups = await db.Groups.AsNoTracking().Listed().OrderBy(g => g.Country).ThenBy(g => g.Town).ThenBy(g => g.Name).ToListAsync();
                return TypedResults.Ok(groups.Select(g => g.AsSummary()).ToArray());
            }
            var errors = new Dictionary<string, string[]>();
            var point = PlacesApi.ParseNear(near, out var nearError);
            if (nearError is not null) errors["near"] = [nearError];
            var radius = radiusKm ?? 50;
            if (radius is <= 0 or > NearbyGroups.MaxRadiusKm || double.IsNaN(radius))
                errors["radiusKm"] = [$"radiusKm must be more than 0 and at most {NearbyGroups.MaxRadiusKm:0}."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            var nearby = await NearbyGroups.WithinAsync(db, point!.Value.Lat, point.Value.Lon, radius);
            return TypedResults.Ok(nearby.Select(n => n.Group.AsSummary() with { DistanceKm = Math.Round(n.DistanceKm, 1) }).ToArray());
        }).WithSummary("All groups by country and town; or, with near=lat,lon, those within radiusKm (default 50), nearest first");

        api.MapGet("/{slug}", async Task<Results<Ok<GroupDetails>, ProblemHttpResult>> (string slug, AppDb db) =>
        {
            var group = await db.Groups.AsNoTracking().Include(g => g.MeetingPoints).SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return NoSuchGroup(slug);
            return TypedResults.Ok(await DetailsAsync(db, group));
        }).WithSummary("One group: about, meeting points and leaders by nickname");

        api.MapGet("/{slug}/runs", async Task<Results<Ok<RunSummary[]>, ProblemHttpResult>> (string slug, AppDb db, IClock clock) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return NoSuchGroup(slug);
            var runs = await UpcomingRuns.ForGroupAsync(db, group, clock.GetCurrentInstant(), take: 50);
            return TypedResults.Ok(runs.Select(r => r.Run.AsSummary(group, r.Going, r.HasLeader)).ToArray());
        }).WithSummary("A group's upcoming runs, in its local time");

        api.MapGet("/{slug}/series", async Task<Results<Ok<SeriesSummary[]>, ProblemHttpResult>> (string slug, AppDb db) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return NoSuchGroup(slug);
            var series = await db.RunSeries.AsNoTracking().Where(s => s.GroupId == group.Id).OrderBy(s => s.DayOfWeek).ThenBy(s => s.LocalTime).ToListAsync();
            return TypedResults.Ok(series.Select(s => s.AsSummary()).ToArray());
        }).WithSummary("A group's run series, in its local time, with their RFC 5545 rules");

        api.MapPost("/{slug}/membership", async Task<Results<NoContent, ProblemHttpResult>> (string slug, AppDb db, Accounts.CurrentMember me, IClock clock) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return NoSuchGroup(slug);
            if (await Joining.JoinAsync(db, group, me.Id!, clock.GetCurrentInstant()) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Not open yet");
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("Join a group: you're in its chat room (signed in)");

        api.MapDelete("/{slug}/membership", async Task<Results<NoContent, ProblemHttpResult>> (string slug, AppDb db, Accounts.CurrentMember me, Talk.TalkPresence presence) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return NoSuchGroup(slug);
            if (await Joining.LeaveAsync(db, group, me.Id!, presence) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Leaders leave by changing role first");
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("Leave a group and its chat room; leaders ask an organiser to change their role first (signed in)");

        return api;
    }

    /// <summary>A group as GET /api/v1/groups/{slug} shows it; its meeting points must be loaded.</summary>
    public static async Task<GroupDetails> DetailsAsync(AppDb db, Group group) => new(group.AsSummary(), group.About,
        group.MeetingPoints.OrderByDescending(m => m.IsBase).ThenBy(m => m.Name).Select(m => m.AsSummary()).ToArray(),
        (await db.LeaderNicknamesAsync(group.Id)).ToArray(), group.Links().ToArray());

    public static ProblemHttpResult NoSuchGroup(string slug) =>
        TypedResults.Problem($"There is no group called '{slug}'.", statusCode: 404, title: "Group not found");
}
