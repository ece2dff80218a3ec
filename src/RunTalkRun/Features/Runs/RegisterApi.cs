using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>The register through the API, for the run's leaders (and HQ) only.</summary>
public static class RegisterApi
{
    public record Line(int? RsvpId, int? WalkInId, string Name, bool FirstTime, bool Present, string? EmergencyContactName, string? EmergencyContactPhone);
    public record RegisterView(int RunId, DateTimeOffset OpensAt, int? StartHeadcount, int? EndHeadcount, int WalkInCount, int Total, int FirstTimers,
        int? Missing, Line[] Lines);
    public record WalkInRequest(string? Name, bool FirstTime);

    public static IEndpointRouteBuilder MapRegisterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/runs/{id:int}/register").WithTags("Register").RequireAuthorization();

        api.MapGet("/", async Task<Results<Ok<RegisterView>, ProblemHttpResult, ForbidHttpResult>> (int id, AppDb db, CurrentMember me, IClock clock, HttpContext http) =>
        {
            var (run, refused) = await OpenAsync(id, db, me, clock);
            if (run is null) return refused!;
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(await ViewAsync(db, run, me, clock));
        }).WithSummary("The register: who is ticked, walk-ins, headcounts; emergency contacts on the day only");

        api.MapPut("/", async Task<Results<Ok<RegisterView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, JsonElement body, AppDb db, CurrentMember me, IClock clock) =>
        {
            var (run, refused) = await OpenAsync(id, db, me, clock);
            if (run is null) return refused!;
            var (change, errors) = Read(body);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            errors = RunRegister.Check(run, change.Start, change.End, change.WalkIns);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            var now = clock.GetCurrentInstant();
            if (change.Present is { } present && await RunRegister.SetPresentAsync(db, run, present, now) is { } error)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["present"] = [error] });
            if (change.Start is { } s) run.StartHeadcount = s;
            if (change.End is { } e) run.EndHeadcount = e;
            if (change.WalkIns is { } w) run.WalkInCount = w;
            await db.SaveChangesAsync(); // one save: all of it or none
            return TypedResults.Ok(await ViewAsync(db, run, me, clock));
        }).WithSummary("Change the register: present (the RSVP ids of everyone there), startHeadcount, endHeadcount, walkInCount; only the fields sent change");

        api.MapPost("/walk-ins", async Task<Results<Created<RegisterView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, WalkInRequest? request, AppDb db, CurrentMember me, IClock clock) =>
        {
            var (run, refused) = await OpenAsync(id, db, me, clock);
            if (run is null) return refused!;
            if (RunRegister.CheckWalkInName(request?.Name) is { } error)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [error] });
            RunRegister.AddWalkIn(db, run, request?.Name, request?.FirstTime ?? false, clock.GetCurrentInstant());
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/v1/runs/{id}/register", await ViewAsync(db, run, me, clock));
        }).WithSummary("Add a walk-in, by first name or none");

        return app;
    }

    record Change(IReadOnlyCollection<int>? Present, int? Start, int? End, int? WalkIns);

    static (Change Change, Dictionary<string, string[]> Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        List<int>? present = null; int? start = null, end = null, walkIns = null;
        if (body.ValueKind != JsonValueKind.Object) return (new(null, null, null, null), new() { ["body"] = ["Send a JSON object with the fields to change."] });
        int? Number(JsonProperty p)
        {
            if (p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n)) return n;
            errors[p.Name] = [$"{p.Name} must be a whole number."];
            return null;
        }
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "present":
                    if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)))
                        present = p.Value.EnumerateArray().Select(v => v.GetInt32()).Distinct().ToList();
                    else errors["present"] = ["present must be a list of RSVP ids, like [12, 15]."];
                    break;
                case "startHeadcount": start = Number(p); break;
                case "endHeadcount": end = Number(p); break;
                case "walkInCount": walkIns = Number(p); break;
                default: errors[p.Name] = [$"'{p.Name}' can't be changed here. You can change present, startHeadcount, endHeadcount and walkInCount."]; break;
            }
        }
        return (new(present, start, end, walkIns), errors);
    }

    static async Task<(Run? Run, ProblemHttpResult? Refused)> OpenAsync(int id, AppDb db, CurrentMember me, IClock clock)
    {
        var run = await db.Runs.Include(r => r.Group).SingleOrDefaultAsync(r => r.Id == id);
        if (run is null) return (null, TypedResults.Problem($"There is no run with id {id}.", statusCode: 404, title: "Run not found"));
        if (!await me.CanSeeAttendanceAsync(run.GroupId))
            return (null, TypedResults.Problem("Only the leaders of this run's group can see and change its register.", statusCode: 403, title: "Not a leader of this group"));
        if (RunRegister.Refusal(run, run.Group!, clock.GetCurrentInstant()) is { } refusal)
            return (null, TypedResults.Problem(refusal, statusCode: 409, title: "Register not open"));
        return (run, null);
    }

    static async Task<RegisterView> ViewAsync(AppDb db, Run run, CurrentMember me, IClock clock)
    {
        var lines = await RunRegister.ReadAsync(db, run, run.Group!, me.Id!, clock.GetCurrentInstant());
        int? missing = run.StartHeadcount is { } s && run.EndHeadcount is { } e && e < s ? s - e : null;
        return new RegisterView(run.Id, RunRegister.OpensAt(run).ToDateTimeOffset(), run.StartHeadcount, run.EndHeadcount, run.WalkInCount,
            RunRegister.Total(lines, run), lines.Count(l => l.Present && l.FirstTime), missing,
            lines.Select(l => new Line(l.RsvpId, l.WalkInId, l.Name, l.FirstTime, l.Present, l.EmergencyName, l.EmergencyPhone)).ToArray());
    }
}
