using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Leading;

/// <summary>Roles, the roster and training records, with the same rules as the pages (docs/permissions.md).</summary>
public static class LeadingApi
{
    public record PersonSummary(string MemberId, string Nickname, string Role, DateTimeOffset JoinedAt, string? Training);
    public record RoleRequest(string? Role);
    public record LeaderRequest(string? MemberId);
    public record CoverAsk(string? Reason);
    public record RosterRun(int RunId, string Title, DateTimeOffset StartsAt, string Status, string[] Leaders, CoverSummary[] CoverWanted);
    public record CoverSummary(int Id, string AskedBy, string? Reason, DateTimeOffset AskedAt);
    public record RosterSeries(int SeriesId, string Title, string[] UsuallyLedBy);
    public record RosterView(RosterRun[] Runs, RosterSeries[] Series);

    public static IEndpointRouteBuilder MapLeadingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Leading").RequireAuthorization();

        api.MapGet("/groups/{slug}/people", async Task<Results<Ok<PersonSummary[]>, ProblemHttpResult, ForbidHttpResult>> (
            string slug, AppDb db, CurrentMember me, IClock clock, HttpContext http) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanOrganiseAsync(group.Id)) return TypedResults.Forbid();
            var (people, training) = await GroupRoles.ReadAsync(db, group, me.Id!, clock.GetCurrentInstant());
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(people.Select(p => new PersonSummary(p.MemberId, p.Nickname, GroupRoles.Name(p.Role), p.JoinedAt.ToDateTimeOffset(),
                p.Role == GroupRole.Member ? null : training.GetValueOrDefault(p.MemberId, ""))).ToArray());
        }).WithSummary("A group's people by nickname and role, with leaders' training (its organisers and HQ admins)");

        api.MapPut("/groups/{slug}/people/{memberId}/role", async Task<Results<Ok<PersonSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            string slug, string memberId, RoleRequest request, AppDb db, GroupRoles roles, CurrentMember me, IClock clock) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanOrganiseAsync(group.Id)) return TypedResults.Forbid();
            if (GroupRoles.Parse(request.Role) is not { } role)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role must be organiser, leader or member."] });
            if (await roles.ChangeAsync(group, memberId, role, me.Id!, clock.GetCurrentInstant()) is { } refusal) return Problem(refusal);
            var person = (await GroupRoles.PeopleAsync(db, group.Id)).Single(p => p.MemberId == memberId);
            return TypedResults.Ok(new PersonSummary(person.MemberId, person.Nickname, GroupRoles.Name(person.Role), person.JoinedAt.ToDateTimeOffset(), null));
        }).WithSummary("Make a member of the group an organiser, a leader or a member; the last organiser can't step down (its organisers and HQ admins)");

        api.MapGet("/groups/{slug}/roster", async Task<Results<Ok<RosterView>, ProblemHttpResult, ForbidHttpResult>> (
            string slug, AppDb db, CurrentMember me, IClock clock) =>
        {
            var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (!await me.CanLeadAsync(group.Id)) return TypedResults.Forbid();
            var now = clock.GetCurrentInstant();
            var until = now + Duration.FromDays(7 * RosterPageModel.Weeks);
            var runs = await db.Runs.AsNoTracking().Where(r => r.GroupId == group.Id && r.StartsAt > now && r.StartsAt < until).OrderBy(r => r.StartsAt).ToListAsync();
            var ids = runs.Select(r => r.Id).ToList();
            var leaders = await Roster.NicknamesAsync(db, ids);
            var cover = await db.CoverRequests.AsNoTracking().Where(c => ids.Contains(c.RunId) && c.Status == CoverStatus.Open)
                .Select(c => new { c.RunId, c.Id, c.AskedBy!.Nickname, c.Reason, c.AskedAt }).ToListAsync();
            var series = await db.RunSeries.AsNoTracking().Where(s => s.GroupId == group.Id).OrderBy(s => s.Id)
                .Select(s => new RosterSeries(s.Id, s.Title, db.SeriesLeaders.Where(l => l.SeriesId == s.Id).Select(l => l.Member!.Nickname).ToArray())).ToArrayAsync();
            return TypedResults.Ok(new RosterView(
                runs.Select(r => new RosterRun(r.Id, r.Title, r.LocalStart(group.Zone).ToDateTimeOffset(), r.Status.ToString().ToLowerInvariant(),
                    [.. leaders.GetValueOrDefault(r.Id) ?? []],
                    cover.Where(c => c.RunId == r.Id).Select(c => new CoverSummary(c.Id, c.Nickname, c.Reason, c.AskedAt.ToDateTimeOffset())).ToArray())).ToArray(),
                series));
        }).WithSummary("Who leads each run in the next six weeks, cover wanted, and who usually leads each series (its leaders and HQ admins)");

        api.MapPost("/runs/{id:int}/leaders", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, LeaderRequest request, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (run, refused) = await RunAsync(id, db, me);
            if (refused is not null) return refused;
            return Answer(await roster.AssignAsync(run!, request.MemberId, run!.Group!));
        }).WithSummary("Put one of the group's leaders on a run's roster (its leaders and HQ admins)");

        api.MapDelete("/runs/{id:int}/leaders/{memberId}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, string memberId, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (run, refused) = await RunAsync(id, db, me);
            if (refused is not null) return refused;
            return Answer(await roster.RemoveAsync(run!, memberId));
        }).WithSummary("Take a leader off a run's roster (its leaders and HQ admins)");

        api.MapPost("/runs/{id:int}/cover-requests", async Task<Results<Created<CoverSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, CoverAsk request, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (run, refused) = await RunAsync(id, db, me);
            if (refused is not null) return refused;
            var member = (await me.GetAsync())!;
            var (cover, refusal) = await roster.AskForCoverAsync(run!, run!.Group!, member, request.Reason);
            if (refusal is not null) return refusal.Status == 400 ? Invalid(refusal) : Problem(refusal);
            return TypedResults.Created($"/api/v1/groups/{run.Group!.Slug}/roster", new CoverSummary(cover!.Id, member.Nickname, cover.Reason, cover.AskedAt.ToDateTimeOffset()));
        }).WithSummary("\"I can't lead this one\": come off a run you're on, and the group's other leaders are asked to cover");

        api.MapPost("/runs/{id:int}/cover", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (run, refused) = await RunAsync(id, db, me);
            if (refused is not null) return refused;
            var (_, refusal) = await roster.TakeCoverAsync(run!, run!.Group!, (await me.GetAsync())!);
            return Answer(refusal);
        }).WithSummary("\"I'll lead it\": take a run another leader asked cover for; the first to ask wins (the group's leaders)");

        api.MapPost("/series/{id:int}/leaders", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, LeaderRequest request, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (series, refused) = await SeriesAsync(id, db, me);
            if (refused is not null) return refused;
            return Answer(await roster.AddSeriesLeaderAsync(series!, request.MemberId, series!.Group!));
        }).WithSummary("Someone usually leads a series: on the roster of its upcoming and new runs (its group's leaders and HQ admins)");

        api.MapDelete("/series/{id:int}/leaders/{memberId}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, string memberId, AppDb db, CurrentMember me, Roster roster) =>
        {
            var (series, refused) = await SeriesAsync(id, db, me);
            if (refused is not null) return refused;
            return Answer(await roster.RemoveSeriesLeaderAsync(series!, memberId));
        }).WithSummary("No longer usually leads a series: off the upcoming runs it put them on");

        api.MapGet("/me/training", async (AppDb db, CurrentMember me, IClock clock) =>
        {
            var today = clock.GetCurrentInstant().InUtc().Date.ToDateOnly();
            var records = await db.TrainingRecords.AsNoTracking().Where(t => t.MemberId == me.Id).OrderBy(t => t.Course).ThenByDescending(t => t.TakenOn).ToListAsync();
            return TypedResults.Ok(records.Select(t => t.AsSummary(today)).ToArray());
        }).WithSummary("My training records");

        api.MapPost("/me/training", async Task<Results<Created<TrainingSummary>, ValidationProblem>> (
            TrainingRequest request, AppDb db, CurrentMember me, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var (record, errors) = TrainingRecords.Check(request, me.Id!, now);
            if (record is null) return TypedResults.ValidationProblem(errors);
            db.TrainingRecords.Add(record);
            await db.SaveChangesAsync();
            return TypedResults.Created("/api/v1/me/training", record.AsSummary(now.InUtc().Date.ToDateOnly()));
        }).WithSummary("Add a course to my record: course (mental-health-first-aid, first-aid, run-leader-licence, safeguarding or other with otherName), takenOn, expiresOn");

        api.MapDelete("/me/training/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, AppDb db, CurrentMember me) =>
        {
            var removed = await db.TrainingRecords.Where(t => t.Id == id && t.MemberId == me.Id).ExecuteDeleteAsync();
            return removed == 0 ? TypedResults.Problem($"You have no training record with id {id}.", statusCode: 404, title: "Record not found") : TypedResults.NoContent();
        }).WithSummary("Remove a course from my record");

        return app;
    }

    static async Task<(Run?, ProblemHttpResult?)> RunAsync(int id, AppDb db, CurrentMember me)
    {
        var run = await db.Runs.Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return (null, TypedResults.Problem($"There is no run with id {id}.", statusCode: 404, title: "Run not found"));
        if (!await me.CanLeadAsync(run.GroupId)) return (null, TypedResults.Problem("Only the group's leaders (and HQ admins) can change who leads its runs.", statusCode: 403, title: "Not a leader of this group"));
        return (run, null);
    }

    static async Task<(RunSeries?, ProblemHttpResult?)> SeriesAsync(int id, AppDb db, CurrentMember me)
    {
        var series = await db.RunSeries.Include(s => s.Group).SingleOrDefaultAsync(s => s.Id == id);
        if (series is null) return (null, TypedResults.Problem($"There is no run series with id {id}.", statusCode: 404, title: "Series not found"));
        if (!await me.CanLeadAsync(series.GroupId)) return (null, TypedResults.Problem("Only the group's leaders (and HQ admins) can change who leads its runs.", statusCode: 403, title: "Not a leader of this group"));
        return (series, null);
    }

    static Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Answer(Roster.Refusal? refusal) =>
        refusal is null ? TypedResults.NoContent() : refusal.Status == 400 ? Invalid(refusal) : Problem(refusal);

    static ValidationProblem Invalid(Roster.Refusal refusal) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] });

    static ProblemHttpResult Problem(Roster.Refusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Status switch { 404 => "Not found", 409 => "Conflict", _ => "Refused" });
}
