using Microsoft.AspNetCore.Http.HttpResults;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Hq;

/// <summary>GET /api/v1/hq/people and PUT /api/v1/hq/people/{memberId}/role (HQ admins).</summary>
public static class PeopleApi
{
    public record PersonView(string Id, string Nickname, string? Email, string Role, bool TwoStep);
    public record RoleRequest(string? Role);

    public static void MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/hq/people").WithTags("HQ").RequireAuthorization()
            .AllowOnly(me => me.IsHqAdminAsync(), "HQ admins only", "Only HQ admins can see and change HQ roles.");

        hq.MapGet("", async (HqRoles roles) => TypedResults.Ok((await roles.StaffAsync())
                .Select(p => new PersonView(p.Id, p.Nickname, p.Email, HqRoles.Slug(p.Role), p.TwoStep)).ToArray()))
            .WithSummary("Everyone with an HQ role (HQ admins)");

        hq.MapPut("/{memberId}/role", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (string memberId, RoleRequest request, HqRoles roles, CurrentMember me) =>
        {
            if (HqRoles.RoleFrom(request.Role) is not { } role)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["role must be none, admin, safeguarding-lead or moderator."] });
            return await roles.SetAsync(memberId, role, me.Id!) is { } refused
                ? TypedResults.Problem(refused.Message, statusCode: refused.Status, title: refused.Status == 404 ? "Member not found" : "Last HQ admin")
                : TypedResults.NoContent();
        }).WithSummary("Give a member an HQ role, or take it away: none, admin, safeguarding-lead or moderator (HQ admins)");
    }
}
