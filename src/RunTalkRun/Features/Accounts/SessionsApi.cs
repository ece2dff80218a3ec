using Microsoft.AspNetCore.Http.HttpResults;

namespace RunTalkRun.Features.Accounts;

/// <summary>Where the signed-in member is signed in, and signing any of those sessions out.</summary>
public static class SessionsApi
{
    public record SessionSummary(string Id, string Kind, string Device, DateTimeOffset StartedAt, DateTimeOffset LastUsedAt, bool Current);

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me/sessions").WithTags("Auth").RequireAuthorization();

        me.MapGet("", async (Sessions sessions, CurrentMember member, HttpContext http) =>
        {
            var current = Sessions.IdOf(http.User);
            return TypedResults.Ok((await sessions.OfAsync(member.Id!)).Select(s => new SessionSummary(s.Id, s.Kind == SessionKind.App ? "app" : "browser", s.Device,
                s.StartedAt.ToDateTimeOffset(), s.LastSeenAt.ToDateTimeOffset(), s.Id == current)).ToArray());
        }).WithSummary("Where you're signed in: each browser and app, the one asking marked current");

        me.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, Sessions sessions, CurrentMember member) =>
            await sessions.EndAsync(member.Id!, id)
                ? TypedResults.NoContent()
                : TypedResults.Problem("You have no session with that id: it may have been signed out already.", statusCode: 404, title: "No such session"))
            .WithSummary("Sign one of your sessions out (this one too, if you name it): its cookie or tokens stop working at once");

        me.MapDelete("", async (Sessions sessions, CurrentMember member, HttpContext http) =>
        {
            await sessions.EndAllAsync(member.Id!, except: Sessions.IdOf(http.User));
            return TypedResults.NoContent();
        }).WithSummary("Sign out everywhere else: every session but the one asking ends at once");

        return app;
    }
}
