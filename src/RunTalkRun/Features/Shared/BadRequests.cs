using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// A request the API can't read — a body that isn't JSON (or is empty, null, not UTF-8, nested too deep, or the
/// wrong shape), a query value of the wrong kind — is answered 400 problem details with a plain detail, in every
/// environment. Minimal APIs throw these as <see cref="BadHttpRequestException"/> everywhere (not only in
/// Development), and this handler, the first the API's exception handler asks, turns them into the answer.
/// </summary>
public sealed partial class BadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.PostConfigure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequests>();
        return services;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
    {
        if (exception is not BadHttpRequestException bad || !http.Request.Path.StartsWithSegments("/api")) return false;
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read" : ReasonPhrases.GetReasonPhrase(bad.StatusCode),
                Detail = Detail(bad),
            },
        });
    }

    /// <summary>Plain words for what was wrong, naming the value at fault where that is known; never the exception's own text.</summary>
    static string Detail(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType) return "Send the body as JSON, with Content-Type: application/json.";
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge) return "The request body is too large.";
        var parameter = Parameter().Match(bad.Message);
        var (type, name) = parameter.Success ? (parameter.Groups["type"].Value, parameter.Groups["name"].Value) : ("", "");
        if (bad.InnerException is JsonException json)
            return "The request body is not JSON of the shape this endpoint expects (an object with the fields it describes, in UTF-8)." +
                (json.Path is { Length: > 2 } path && path.StartsWith("$.") ? $" Look at {path[2..]}." : "");
        if (bad.Message.Contains("from body", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal))
            return "The request needs a body: a JSON object with the fields this endpoint describes.";
        if (bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) && name.Length > 0)
            return $"{name} must be {Kind(type)}.";
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) && name.Length > 0)
            return $"{name} is needed.";
        return "The request could not be read. Check its address, query and body against the API's description at /openapi/v1.json.";
    }

    static string Kind(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "decimal" or "Double" or "Decimal" => "a number, like 12.5",
        "bool" or "Boolean" => "true or false",
        "Guid" => "an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "DateTime" or "DateTimeOffset" or "DateOnly" => "a date, like 2026-05-01",
        _ => "a value of the right kind",
    };

    /// <summary>How minimal APIs name a parameter in these messages: <c>parameter "double? radiusKm"</c>.</summary>
    [GeneratedRegex("parameter \"(?<type>[^\"]*) (?<name>[^\" ]+)\"")]
    private static partial Regex Parameter();
}
