using RunTalkRun.Features.Time;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Privacy;

/// <summary>A member's own data: download it, delete the account, withdraw or give consents (docs/permissions.md).</summary>
public static class PrivacyApi
{
    public record DeleteRequest(string? Password);
    public record ConsentView(string Kind, string Title, bool Given, DateTime? GivenAt, DateTime? WithdrawnAt, string? TextVersion, bool CanWithdraw);

    public static void MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/me").WithTags("Your data").RequireAuthorization();

        me.MapGet("/data", async Task<Results<Ok<MemberData.Export>, UnauthorizedHttpResult>> (MemberData data, CurrentMember member, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return await data.ForAsync(member.Id!) is { } export ? TypedResults.Ok(export) : TypedResults.Unauthorized();
        }).WithSummary("Everything Run Talk Run holds about you, as JSON");

        me.MapDelete("", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> (
            [FromBody] DeleteRequest? request, CurrentMember member, SignInManager<Member> signIn, Erasure erasure) =>
        {
            if (await member.GetAsync() is not { } account) return TypedResults.Unauthorized();
            if (string.IsNullOrEmpty(request?.Password))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Enter your password to delete your account."] });
            if (await erasure.RefusalAsync(account.Id) is { } refused)
                return TypedResults.Problem(refused, statusCode: 409, title: "HQ's only admin");
            var check = await signIn.CheckPasswordSignInAsync(account, request.Password, lockoutOnFailure: true);
            if (check.IsLockedOut)
                return TypedResults.Problem("Too many attempts. Your account is locked for 15 minutes.", statusCode: 429, title: "Locked out");
            if (!check.Succeeded)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["That isn't your password. Nothing has been deleted."] });
            await erasure.EraseAsync(account.Id);
            return TypedResults.NoContent();
        }).WithSummary("Delete your account: your personal data is erased at once (your password in the body: {\"password\": \"...\"})");

        me.MapGet("/consents", async (ConsentChoices consents, CurrentMember member, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok((await consents.ForAsync(member.Id!)).Select(c =>
                new ConsentView(c.Slug, c.Title, c.Given, c.GivenAt.ToDateTimeUtc(), c.WithdrawnAt.ToDateTimeUtc(), c.Version, c.CantWithdraw is null)).ToArray());
        }).WithSummary("Your consents: guidelines, attendance, and the leaders' code if you lead");

        me.MapDelete("/consents/{kind}", async Task<Results<NoContent, ProblemHttpResult>> (string kind, ConsentChoices consents, CurrentMember member) =>
        {
            if (ConsentChoices.KindFrom(kind) is not { } k) return UnknownKind(kind);
            return await consents.WithdrawAsync(member.Id!, k) is { } refused
                ? TypedResults.Problem(refused.Message, statusCode: refused.Status, title: "Can't withdraw this consent")
                : TypedResults.NoContent();
        }).WithSummary("Withdraw a consent: attendance (your RSVPs go, counts stay) or leaders-code (you stop leading)");

        me.MapPut("/consents/{kind}", async Task<Results<NoContent, ProblemHttpResult>> (string kind, ConsentChoices consents, CurrentMember member) =>
        {
            if (ConsentChoices.KindFrom(kind) is not { } k) return UnknownKind(kind);
            return await consents.GiveAsync(member.Id!, k) is { } refused
                ? TypedResults.Problem(refused.Message, statusCode: refused.Status, title: "Can't give this consent here")
                : TypedResults.NoContent();
        }).WithSummary("Give the attendance consent again");
    }

    static ProblemHttpResult UnknownKind(string kind) =>
        TypedResults.Problem("The kind of consent must be guidelines, attendance or leaders-code.", statusCode: 404, title: "No such consent");
}
