using Microsoft.AspNetCore.Mvc;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// HQ accounts can see things about other people, so they must use two-step sign-in. A member with an HQ
/// role who hasn't set it up may sign in, but everything else is closed to them until they do: pages send
/// them to set it up, the API and the chat hub answer 403. It is one middleware with a short list of what
/// stays open (deny by default), so a new page or endpoint can't forget it.
/// </summary>
public static class TwoFactorForHq
{
    /// <summary>The problem type of the API's 403 for an HQ member without two-step sign-in.</summary>
    public const string SetUpFirstType = "urn:runtalkrun:problem:two-factor-setup-required";

    /// <summary>What an HQ member without two-step sign-in can still reach (static files are served before this runs).</summary>
    static readonly PathString[] Open =
    [
        "/account/two-factor", "/account/sign-out", "/account/sign-in", "/help", "/error", "/api/v1/auth", "/healthz", "/livez",
    ];

    public static IApplicationBuilder UseTwoFactorForHq(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true && !Open.Any(p => ctx.Request.Path.StartsWithSegments(p)) &&
            await ctx.RequestServices.GetRequiredService<CurrentMember>().GetAsync() is { IsHq: true, TwoFactorEnabled: false })
        {
            await RefuseAsync(ctx);
            return;
        }
        await next(ctx);
    });

    static async Task RefuseAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            ctx.Response.Headers.CacheControl = "no-store";
            await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Type = SetUpFirstType,
                    Title = "Set up two-step sign-in first",
                    Detail = "Your HQ role needs two-step sign-in. Set it up at /account/two-factor (signed in on the website), then sign in again with a code.",
                },
            });
            return;
        }
        // A page: off to set it up, and back here afterwards (for a page that was being looked at).
        var back = HttpMethods.IsGet(ctx.Request.Method) ? "?returnUrl=" + Uri.EscapeDataString(path + ctx.Request.QueryString) : "";
        ctx.Response.Redirect("/account/two-factor" + back);
    }
}
