namespace RunTalkRun.Features.Accounts;

/// <summary>An API group open only to some signed-in people (checked once for every endpoint in it), and never cached.</summary>
public static class OnlyFor
{
    public static RouteGroupBuilder AllowOnly(this RouteGroupBuilder group, Func<CurrentMember, Task<bool>> allowed, string title, string detail)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await allowed(context.HttpContext.RequestServices.GetRequiredService<CurrentMember>())
                ? await next(context)
                : TypedResults.Problem(detail, statusCode: 403, title: title);
        });
        return group;
    }
}
