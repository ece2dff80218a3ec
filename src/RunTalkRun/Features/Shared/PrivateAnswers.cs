namespace RunTalkRun.Features.Shared;

/// <summary>
/// Whatever is answered to someone signed in is theirs: no browser, proxy or app cache keeps it, unless
/// the endpoint said otherwise itself. Anonymous answers (the public pages the output cache keeps) and
/// static files are left as they are.
/// </summary>
public static class PrivateAnswers
{
    public static IApplicationBuilder UseNoStoreWhenSignedIn(this IApplicationBuilder app) => app.Use((ctx, next) =>
    {
        ctx.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            if (http.User.Identity?.IsAuthenticated == true && string.IsNullOrEmpty(http.Response.Headers.CacheControl))
                http.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, ctx);
        return next(ctx);
    });
}
