using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Talk;

/// <summary>Reporting, the moderation queue and moderators' actions, and HQ's safe-messaging list (docs/permissions.md).</summary>
public static class TalkModerationApi
{
    public record ReportRequest(string? Reason);
    public record DecisionRequest(string? Reason);
    public record BanRequest(string? Kind, int? Hours, string? Reason);
    public record QueueEntry(long MessageId, int RoomId, string Room, string Author, string AuthorId, string Text, string State, bool CrisisLanguage, string[] Reports);
    public record PhraseRequest(string? Phrase);
    public record PhraseSummary(int Id, string Phrase);

    public static void MapTalkModeration(this RouteGroupBuilder api)
    {
        api.MapPost("/messages/{id:long}/reports", async Task<Results<Created, ValidationProblem, ProblemHttpResult>> (
            long id, ReportRequest request, Moderation moderation, CurrentMember me) =>
        {
            var result = await moderation.ReportAsync(me.Id!, id, request.Reason);
            if (!result.Ok) return result.Problem == ChatProblem.Invalid ? TalkApi.Invalid("reason", result.Error!) : TalkApi.Problem(result);
            return TypedResults.Created();
        }).WithSummary("Report a message to the room's moderators, with a reason");

        api.MapGet("/moderation/queue", async (ModerationQueue queue, CurrentMember me, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok((await queue.WaitingAsync(me.Id!)).Select(i => new QueueEntry(i.Message.Id, i.RoomId, i.RoomName, i.Author, i.Message.AuthorId,
                i.Message.Text, MessageView.Of(i.Message, i.Author).State, i.Crisis, i.Reports.Select(r => r.Reason).ToArray())).ToArray());
        }).WithSummary("Reported messages and messages with crisis language waiting for a look, in the rooms you moderate (HQ moderators and group organisers)");

        api.MapPost("/messages/{id:long}/hide", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            long id, DecisionRequest request, Moderation moderation, CurrentMember me) =>
            Decided(await moderation.HideAsync(me.Id!, id, request.Reason)))
            .WithSummary("Hide a message from the room; its reports close as hidden (the room's moderators)");

        api.MapPost("/messages/{id:long}/keep", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            long id, DecisionRequest request, Moderation moderation, CurrentMember me) =>
            Decided(await moderation.KeepAsync(me.Id!, id, request.Reason)))
            .WithSummary("Keep a reported or flagged message; its reports close as kept (the room's moderators)");

        api.MapPost("/messages/{id:long}/unhide", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            long id, Moderation moderation, CurrentMember me) =>
            Decided(await moderation.UnhideAsync(me.Id!, id)))
            .WithSummary("Show a hidden message again (the room's moderators)");

        api.MapPut("/rooms/{id:int}/bans/{memberId}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            int id, string memberId, BanRequest request, Moderation moderation, Rooms rooms, CurrentMember me) =>
        {
            var access = await rooms.AccessAsync(id, me.Id!);
            if (access is null || access.IsHidden) return TalkApi.Problem(ChatResult.NoSuchRoom);
            if (!access.CanModerate) return TalkApi.Problem(ChatResult.Refused(ChatProblem.NotInRoom, "Only this room's moderators can do that."));
            BanKind? kind = request.Kind?.Trim().ToLowerInvariant() switch { "muted" or "mute" => BanKind.Muted, "removed" or "remove" => BanKind.Removed, _ => null };
            if (kind is null) return TalkApi.Invalid("kind", "kind must be muted or removed.");
            return Decided(await moderation.BanAsync(me.Id!, id, memberId, kind.Value, request.Hours, request.Reason));
        }).WithSummary("Mute a member in a room (optionally for some hours) or remove them from it (the room's moderators)");

        api.MapDelete("/rooms/{id:int}/bans/{memberId}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            int id, string memberId, Moderation moderation, CurrentMember me) =>
            Decided(await moderation.LiftAsync(me.Id!, id, memberId)))
            .WithSummary("Lift a mute or a removal (the room's moderators)");

        api.MapGet("/hq/crisis-phrases", async Task<Results<Ok<PhraseSummary[]>, ForbidHttpResult>> (AppDb db, CurrentMember me) =>
            await CrisisPhrases.CanEditAsync(me)
                ? TypedResults.Ok(await db.CrisisPhrases.OrderBy(p => p.Phrase).Select(p => new PhraseSummary(p.Id, p.Phrase)).ToArrayAsync())
                : TypedResults.Forbid())
            .WithSummary("The safe-messaging list: words and phrases about suicide or self-harm (HQ admins and moderators)");

        api.MapPost("/hq/crisis-phrases", async Task<Results<Created<PhraseSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            PhraseRequest request, CrisisPhrases phrases, CurrentMember me) =>
        {
            if (!await CrisisPhrases.CanEditAsync(me)) return TypedResults.Forbid();
            var (added, error, duplicate) = await phrases.AddAsync(me.Id!, request.Phrase);
            if (duplicate) return TypedResults.Problem(title: "Already on the list", detail: error, statusCode: 409);
            if (error is not null) return TalkApi.Invalid("phrase", error);
            return TypedResults.Created($"/api/v1/hq/crisis-phrases/{added!.Id}", new PhraseSummary(added.Id, added.Phrase));
        }).WithSummary("Add a word or phrase to the safe-messaging list (HQ admins and moderators)");

        api.MapDelete("/hq/crisis-phrases/{id:int}", async Task<Results<NoContent, NotFound, ForbidHttpResult>> (
            int id, CrisisPhrases phrases, CurrentMember me) =>
        {
            if (!await CrisisPhrases.CanEditAsync(me)) return TypedResults.Forbid();
            return await phrases.RemoveAsync(me.Id!, id) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).WithSummary("Take a word or phrase off the safe-messaging list (HQ admins and moderators)");
    }

    static Results<NoContent, ValidationProblem, ProblemHttpResult> Decided(ChatResult result) =>
        result.Ok ? TypedResults.NoContent() : result.Problem == ChatProblem.Invalid ? TalkApi.Invalid("reason", result.Error!) : TalkApi.Problem(result);
}
