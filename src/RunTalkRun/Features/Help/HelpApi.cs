using Microsoft.AspNetCore.Http.HttpResults;

namespace RunTalkRun.Features.Help;

/// <summary>Crisis help as data for apps: GET /api/v1/help and /api/v1/help/{country}. Anyone; nothing records who asks.</summary>
public static class HelpApi
{
    public static void MapHelpApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/help").WithTags("Help");

        api.MapGet("", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Ok(CrisisLines.All.ToArray());
        }).WithSummary("Crisis help for every country we have: the emergency number first, then free helplines, with the date they were last checked");

        api.MapGet("/{country}", Results<Ok<CountryHelp>, ProblemHttpResult> (string country, HttpContext http) =>
        {
            if (!CrisisLines.Has(country))
                return TypedResults.Problem($"We don't have crisis lines for that country yet. We have: {string.Join(", ", CrisisLines.All.Select(c => c.Country))}. " +
                    "If you are in danger, call your local emergency number.", statusCode: 404, title: "Country not found");
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Ok(CrisisLines.For(country));
        }).WithSummary("Crisis help for one country (GB, IE, US, CA, AU, NZ)");
    }
}
