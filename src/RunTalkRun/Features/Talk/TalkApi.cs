using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Help;

namespace RunTalkRun.Features.Talk;

/// <summary>Rooms and messages, with the same rules as the pages and the hub (docs/permissions.md).</summary>
public static class TalkApi
{
    public record RoomSummary(int Id, string Kind, string Name, int Unread);
    public record MessagePage(RoomSummary Room, MessageView[] Messages, long? Earlier, bool CanPost);
    public record TextRequest(string? Text);
    public record ReadRequest(long? LastId);
    public record Sent(MessageView Message, CareNote? Care);
    /// <summary>The private note for a writer whose message used words about suicide or self-harm.</summary>
    public record CareNote(string Text, CrisisLine Emergency, CrisisLine[] Helplines);

    public static IEndpointRouteBuilder MapTalkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Talk").RequireAuthorization();

        api.MapGet("/rooms", async (RoomList list, CurrentMember me) =>
            TypedResults.Ok((await list.MineAsync(me.Id!)).Select(r => new RoomSummary(r.Id, Kind(r.Kind), r.Name, r.Unread)).ToArray()))
            .WithSummary("The rooms you're in, with how many messages you haven't read (up to 100 each)");

        api.MapGet("/rooms/{id:int}/messages", async Task<Results<Ok<MessagePage>, ProblemHttpResult>> (
            int id, long? before, Rooms rooms, AppDb db, CurrentMember me, IOptions<TalkSettings> settings) =>
        {
            var access = await rooms.AccessAsync(id, me.Id!);
            if (Chat.Refusal(access) is { } refused) return Problem(refused);
            var page = await History.PageAsync(db, id, before, settings.Value.PageSize);
            var earlier = await History.HasEarlierAsync(db, id, page) ? page[0].Message.Id : (long?)null;
            return TypedResults.Ok(new MessagePage(new RoomSummary(id, Kind(access!.Room.Kind), access.Name, 0),
                page.Select(p => MessageView.Of(p.Message, p.Author)).ToArray(), earlier, access.CanPost));
        }).WithSummary("A room's latest messages; ?before= the id of the oldest you have, for the page before it");

        api.MapPost("/rooms/{id:int}/messages", async Task<Results<Created<Sent>, ValidationProblem, ProblemHttpResult>> (
            int id, TextRequest request, Chat chat, Rooms rooms, CurrentMember me) =>
        {
            var result = await chat.SendAsync(me.Id!, id, request.Text);
            if (!result.Ok) return result.Problem == ChatProblem.Invalid ? Invalid("text", result.Error!) : Problem(result);
            var care = result.NeedsCare ? Care((await rooms.AccessAsync(id, me.Id!))!.HelpCountry) : null;
            return TypedResults.Created($"/api/v1/messages/{result.Message!.Id}", new Sent(MessageView.Of(result.Message, (await me.GetAsync())!.Nickname), care));
        }).WithSummary("Send a message (text, up to 2,000 characters; a few a minute at most)");

        api.MapPost("/rooms/{id:int}/read", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            int id, ReadRequest request, Rooms rooms, Chat chat, CurrentMember me) =>
        {
            if (Chat.Refusal(await rooms.AccessAsync(id, me.Id!)) is { } refused) return Problem(refused);
            if (request.LastId is not > 0) return Invalid("lastId", "lastId must be the id of the newest message you have read.");
            await chat.MarkReadAsync(me.Id!, id, request.LastId.Value);
            return TypedResults.NoContent();
        }).WithSummary("Say you've read a room up to a message");

        api.MapPut("/messages/{id:long}", async Task<Results<Ok<MessageView>, ValidationProblem, ProblemHttpResult>> (
            long id, TextRequest request, Chat chat, CurrentMember me) =>
        {
            var result = await chat.EditAsync(me.Id!, id, request.Text);
            if (!result.Ok) return result.Problem == ChatProblem.Invalid ? Invalid("text", result.Error!) : Problem(result);
            return TypedResults.Ok(MessageView.Of(result.Message!, (await me.GetAsync())!.Nickname));
        }).WithSummary("Change your own message");

        api.MapDelete("/messages/{id:long}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            long id, Chat chat, CurrentMember me) =>
        {
            var result = await chat.DeleteAsync(me.Id!, id);
            return result.Ok ? TypedResults.NoContent() : Problem(result);
        }).WithSummary("Delete your own message: its text is erased");

        api.MapTalkModeration();
        return app;
    }

    public static CareNote Care(string country)
    {
        var help = CrisisLines.For(country);
        return new CareNote(CareText.Body, help.Emergency, help.Helplines);
    }

    public static string Kind(RoomKind kind) => kind.ToString().ToLowerInvariant();

    public static ProblemHttpResult Problem(ChatResult result) =>
        TypedResults.Problem(title: result.Problem switch
        {
            ChatProblem.NotFound => "Not found",
            ChatProblem.TooFast => "Too many messages",
            ChatProblem.Gone => "Already deleted or hidden",
            ChatProblem.Duplicate => "Already done",
            _ => "Not allowed",
        }, detail: result.Error, statusCode: result.Status);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
