using Microsoft.AspNetCore.Http.HttpResults;

namespace RunTalkRun.Features.Audit;

/// <summary>GET /api/v1/hq/audit: the audit log, newest first (HQ admins and safeguarding leads).</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hq/audit", async Task<Results<Ok<AuditLine[]>, ValidationProblem, ProblemHttpResult>> (
            string? action, string? subject, long? before, AuditLogReader reader, HttpContext http) =>
        {
            if (!await reader.MayReadAsync())
                return TypedResults.Problem("Only HQ admins and safeguarding leads can read the audit log.", statusCode: 403, title: "HQ only");
            if (AuditLogReader.Check(action, subject) is { } error)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = [error] });
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok((await reader.ReadAsync(action, subject, before)).ToArray());
        }).RequireAuthorization().WithTags("HQ").WithSummary($"The audit log, newest first, {AuditLogReader.PageSize} at a time (before: an entry's id, for older ones)");
    }
}
