using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Leading;

/// <summary>Applications to lead or to start a group, and HQ's review of them. The same rules as the pages.</summary>
public static class ApplicationsApi
{
    public record TextRequest(string? Text);
    public record ApprovalRequest(string? TimeZone);

    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").WithTags("Applications").RequireAuthorization();

        api.MapPost("/applications", async Task<Results<Created<ApplicationSummary>, ValidationProblem, ProblemHttpResult>> (
            ApplicationRequest request, CurrentMember me, Applications applications) =>
        {
            var result = await applications.SubmitAsync((await me.GetAsync())!, request);
            if (result.Duplicate is { } dup)
                return TypedResults.Problem($"You've already applied to {dup.WhatInSentence} (application {dup.Id}), and HQ hasn't decided yet. Add to it with POST /api/v1/applications/{dup.Id}/answers.",
                    statusCode: 409, title: "Already applied", extensions: new Dictionary<string, object?> { ["applicationId"] = dup.Id });
            if (result.Application is not { } created)
            {
                var extensions = result.Check.ExistingGroup is { } g ? new Dictionary<string, object?> { ["existingGroup"] = g.Slug } : null;
                if (result.Check.Choices.Count > 0)
                    (extensions ??= [])["regions"] = result.Check.Choices.Select(p => p.Region).ToArray();
                return TypedResults.ValidationProblem(result.Check.Errors, extensions: extensions);
            }
            return TypedResults.Created($"/api/v1/applications/{created.Id}", created.AsSummary());
        }).WithSummary("Apply to lead runs in a group (kind join-group, with group) or to start a group in a new town (kind new-group, with town and country)");

        api.MapGet("/me/applications", async (CurrentMember me, AppDb db, HttpContext http) =>
        {
            var mine = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages)
                .Where(a => a.MemberId == me.Id).OrderByDescending(a => a.CreatedAt).ToListAsync();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(mine.Select(a => a.AsSummary()).ToArray());
        }).WithSummary("My applications and where each stands");

        api.MapGet("/applications/{id:int}", async Task<Results<Ok<ApplicationSummary>, ProblemHttpResult>> (
            int id, CurrentMember me, AppDb db, IClock clock, HttpContext http) =>
        {
            var (found, refused) = await OpenAsync(id, me, db, allowHq: true);
            if (refused is not null) return refused;
            if (found!.MemberId != me.Id)
            {
                db.Record(me.Id!, "application-read", $"application:{id}", $"member:{found.MemberId}", clock.GetCurrentInstant());
                await db.SaveChangesAsync();
            }
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(found.AsSummary());
        }).WithSummary("One application (its applicant and HQ admins)");

        api.MapPost("/applications/{id:int}/answers", async Task<Results<Ok<ApplicationSummary>, ValidationProblem, ProblemHttpResult>> (
            int id, TextRequest request, CurrentMember me, AppDb db, Applications applications) =>
        {
            var (_, refused) = await OpenAsync(id, me, db, allowHq: false);
            if (refused is not null) return refused;
            if (CheckText(request.Text, "text", "Write your answer.") is { } invalid) return invalid;
            if (await applications.AnswerAsync(id, (await me.GetAsync())!, ApplicationRequest.Clean(request.Text)) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Application decided");
            return TypedResults.Ok(await SummaryAsync(db, id));
        }).WithSummary("Answer HQ's question, or add something, while the application is open (its applicant)");

        var hq = api.MapGroup("/hq").WithTags("HQ review");

        hq.MapGet("/applications", async Task<Results<Ok<ApplicationSummary[]>, ValidationProblem, ForbidHttpResult>> (
            string? status, CurrentMember me, AppDb db, HttpContext http) =>
        {
            if (!await me.IsHqAdminAsync()) return TypedResults.Forbid();
            ApplicationStatus? wanted = status switch
            {
                null or "" => null,
                "submitted" => ApplicationStatus.Submitted,
                "question-asked" => ApplicationStatus.QuestionAsked,
                "approved" => ApplicationStatus.Approved,
                "declined" => ApplicationStatus.Declined,
                _ => (ApplicationStatus)(-1),
            };
            if (wanted == (ApplicationStatus)(-1))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be submitted, question-asked, approved or declined."] });
            var query = db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).AsQueryable();
            if (wanted is { } s) query = query.Where(a => a.Status == s);
            var list = await query.OrderBy(a => a.UpdatedAt).Take(500).ToListAsync();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(list.Select(a => a.AsSummary()).ToArray());
        }).WithSummary("The review queue, oldest change first; status=submitted for those waiting for HQ (HQ admins)");

        hq.MapPost("/applications/{id:int}/questions", async Task<Results<Ok<ApplicationSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, TextRequest request, CurrentMember me, AppDb db, Applications applications) =>
        {
            if (await HqOpenAsync(id, me, db) is { } refused) return refused;
            if (CheckText(request.Text, "text", "Write the question.") is { } invalid) return invalid;
            if (await applications.AskAsync(id, (await me.GetAsync())!, ApplicationRequest.Clean(request.Text)) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Application decided");
            return TypedResults.Ok(await SummaryAsync(db, id));
        }).WithSummary("Ask the applicant a question (HQ admins)");

        hq.MapPost("/applications/{id:int}/approval", async Task<Results<Ok<ApplicationSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, ApprovalRequest? request, CurrentMember me, AppDb db, Applications applications) =>
        {
            if (await HqOpenAsync(id, me, db) is { } refused) return refused;
            var app = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
            if (request?.TimeZone is { } zone && app.Kind == ApplicationKind.NewGroup && !TimeZones.IsIn(app.Country, zone))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["timeZone"] = [$"timeZone must be one of {Countries.NameOf(app.Country)}'s: {string.Join(", ", TimeZones.InCountry(app.Country))}."] });
            if (await applications.ApproveAsync(id, (await me.GetAsync())!, request?.TimeZone) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: refusal == Applications.AlreadyDecided ? "Application decided" : refusal == Applications.OwnApplication ? "Your own application" : "Town has a group");
            return TypedResults.Ok(await SummaryAsync(db, id));
        }).WithSummary("Approve: a new leader for the group, or a new group (launching) with the applicant as organiser (HQ admins)");

        hq.MapPost("/applications/{id:int}/decline", async Task<Results<Ok<ApplicationSummary>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> (
            int id, TextRequest request, CurrentMember me, AppDb db, Applications applications) =>
        {
            if (await HqOpenAsync(id, me, db) is { } refused) return refused;
            if (CheckText(request.Text, "text", "Write a kind message to the applicant.") is { } invalid) return invalid;
            if (await applications.DeclineAsync(id, (await me.GetAsync())!, ApplicationRequest.Clean(request.Text)) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Application decided");
            return TypedResults.Ok(await SummaryAsync(db, id));
        }).WithSummary("Decline with a kind message, which the applicant reads (HQ admins)");

        hq.MapPost("/groups/{slug}/live", async Task<Results<Ok<GroupSummary>, ProblemHttpResult, ForbidHttpResult>> (
            string slug, CurrentMember me, AppDb db, Applications applications) =>
        {
            if (!await me.IsHqAdminAsync()) return TypedResults.Forbid();
            var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
            if (group is null) return GroupsApi.NoSuchGroup(slug);
            if (await applications.SetLiveAsync(group, (await me.GetAsync())!) is { } refusal)
                return TypedResults.Problem(refusal, statusCode: 409, title: "Already live");
            return TypedResults.Ok(group.AsSummary());
        }).WithSummary("Set a launching group live: listed, and its runs can be found (HQ admins)");

        return app;
    }

    static async Task<(LeaderApplication?, ProblemHttpResult?)> OpenAsync(int id, CurrentMember me, AppDb db, bool allowHq)
    {
        var app = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).SingleOrDefaultAsync(a => a.Id == id);
        if (app is null) return (null, NoSuchApplication(id));
        if (app.MemberId == me.Id) return (app, null);
        // Someone else's application is "not found", like an id never used (ids are sequential); HQ admins see it, and only the applicant answers.
        if (!await me.IsHqAdminAsync()) return (null, NoSuchApplication(id));
        return allowHq ? (app, null) : (null, TypedResults.Problem("Only the applicant answers on an application.", statusCode: 403, title: "Not your application"));
    }

    static async Task<ProblemHttpResult?> HqOpenAsync(int id, CurrentMember me, AppDb db)
    {
        if (!await me.IsHqAdminAsync()) return TypedResults.Problem("Only HQ admins review applications.", statusCode: 403, title: "Not HQ");
        return await db.Applications.AnyAsync(a => a.Id == id) ? null : NoSuchApplication(id);
    }

    static ProblemHttpResult NoSuchApplication(int id) => TypedResults.Problem($"There is no application with id {id}.", statusCode: 404, title: "Application not found");

    static ValidationProblem? CheckText(string? text, string field, string whenEmpty)
    {
        var clean = ApplicationRequest.Clean(text);
        if (clean.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [whenEmpty] });
        if (clean.Length > LeaderApplication.TextMaxLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} must be {LeaderApplication.TextMaxLength} characters or fewer."] });
        return null;
    }

    static async Task<ApplicationSummary> SummaryAsync(AppDb db, int id) =>
        (await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).SingleAsync(a => a.Id == id)).AsSummary();
}
