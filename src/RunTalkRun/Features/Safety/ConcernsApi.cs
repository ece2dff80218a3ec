using RunTalkRun.Features.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Safety;

/// <summary>
/// Safeguarding concerns: leaders raise them about runs they led; HQ safeguarding leads read and handle
/// them under /api/v1/hq/concerns (docs/permissions.md).
/// </summary>
public static class ConcernsApi
{
    public record ConcernRequest(string? Kind, string? About, string? Description);
    public record NoteRequest(string? Text);
    public record StatusRequest(string? Status);
    public record RaisedResponse(int Id, string Status);
    public record MyConcern(int Id, int RunId, string Run, string Group, DateTime RunStartsAt, string Kind, string Status, DateTime RaisedAt);
    public record Listed(int Id, string Kind, string Status, DateTime RaisedAt, string Run, string Group, int Notes);
    public record NoteView(string Author, string Text, DateTime At);
    public record Detail(int Id, string Kind, string Status, DateTime RaisedAt, DateTime UpdatedAt, DateTime? ClosedAt,
        int RunId, string Run, string Group, DateTime RunStartsAt, string RaisedBy, string? About, string Description, NoteView[] Notes);

    public static void MapConcernsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Safeguarding").RequireAuthorization();

        api.MapPost("/runs/{id:int}/concerns", async Task<Results<Created<RaisedResponse>, ValidationProblem, ProblemHttpResult>> (
            int id, ConcernRequest request, Concerns concerns, CurrentMember me, AppDb db) =>
        {
            var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
            if (await concerns.CanRaiseAsync(me.Id!, run) is { } refused)
                return TypedResults.Problem(refused.Message, statusCode: refused.Status, title: refused.Title);
            var errors = Concerns.Check(new ConcernInput(request.Kind, request.About, request.Description));
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            var concern = await concerns.RaiseAsync(me.Id!, run!, new ConcernInput(request.Kind, request.About, request.Description));
            return TypedResults.Created($"/api/v1/concerns/mine", new RaisedResponse(concern.Id, concern.Status.Slug()));
        }).WithSummary("Raise a safeguarding concern about a run you led, once it has started (leaders on the run's roster). kind: safety, incident or injury");

        api.MapGet("/concerns/mine", async (Concerns concerns, CurrentMember me, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok((await concerns.RaisedByAsync(me.Id!)).Select(c =>
                new MyConcern(c.Id, c.RunId, c.RunTitle, c.GroupName, c.RunStartsAt.ToDateTimeUtc(), c.Kind, c.Status, c.RaisedAt.ToDateTimeUtc())).ToArray());
        }).WithSummary("The concerns you raised and where each is up to (never the safeguarding leads' notes)");

        var hq = api.MapGroup("/hq/concerns").AllowOnly(me => me.HasHqRoleAsync(HqRole.SafeguardingLead),
            "Safeguarding leads only", "Only HQ's safeguarding leads can see concerns.");

        hq.MapGet("", async (Concerns concerns) => TypedResults.Ok((await concerns.AllAsync())
                .Select(c => new Listed(c.Id, c.Kind.Slug(), c.Status.Slug(), c.RaisedAt.ToDateTimeUtc(), c.RunTitle, c.GroupName, c.Notes)).ToArray()))
            .WithSummary("Every concern, open ones first (HQ safeguarding leads)");

        hq.MapGet("/{id:int}", async Task<Results<Ok<Detail>, NotFound>> (int id, Concerns concerns, CurrentMember me) =>
            await concerns.ReadAsync(id, me.Id!) is { } c ? TypedResults.Ok(DetailOf(c)) : TypedResults.NotFound())
            .WithSummary("One concern with its notes (HQ safeguarding leads; every read is audit-logged)");

        hq.MapPost("/{id:int}/notes", async Task<Results<Created, ValidationProblem, NotFound>> (int id, NoteRequest request, Concerns concerns, CurrentMember me) =>
        {
            if (Concerns.CheckNote(request.Text) is { } error) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [error] });
            return await concerns.AddNoteAsync(id, me.Id!, request.Text!) ? TypedResults.Created($"/api/v1/hq/concerns/{id}") : TypedResults.NotFound();
        }).WithSummary("Add a note to a concern (HQ safeguarding leads)");

        hq.MapPut("/{id:int}/status", async Task<Results<NoContent, ValidationProblem, NotFound>> (int id, StatusRequest request, Concerns concerns, CurrentMember me) =>
        {
            if (ConcernWords.StatusFrom(request.Status) is not { } status)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be new, in-progress or closed."] });
            return await concerns.SetStatusAsync(id, me.Id!, status) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Move a concern to new, in-progress or closed (HQ safeguarding leads)");
    }

    static Detail DetailOf(Concern c) => new(c.Id, c.Kind.Slug(), c.Status.Slug(), c.RaisedAt.ToDateTimeUtc(), c.UpdatedAt.ToDateTimeUtc(), c.ClosedAt.ToDateTimeUtc(),
        c.RunId, c.Run!.Title, c.Run.Group!.Name, c.Run.StartsAt.ToDateTimeUtc(), c.RaisedBy?.Nickname ?? "deleted member", c.About, c.Description,
        c.Notes.Select(n => new NoteView(n.Author?.Nickname ?? "deleted member", n.Text, n.At.ToDateTimeUtc())).ToArray());
}
