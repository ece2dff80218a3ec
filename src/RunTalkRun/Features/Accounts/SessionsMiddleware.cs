using System.Security.Claims;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// A cookie or token counts only while its session is there: one that was signed out, ended from another device,
/// ended by a password reset, or whose account was deleted, counts for nothing. The request goes on as anonymous
/// (and a page's cookie is removed), so no page, endpoint or chat connection meets a session that has ended.
/// </summary>
public static class SessionsMiddleware
{
    public const string CookieName = "rtr.auth";

    public static IApplicationBuilder UseSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var memberId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var sessionId = Sessions.IdOf(context.User);
            var live = memberId is not null && sessionId is not null &&
                       await context.RequestServices.GetRequiredService<Sessions>().IsLiveAsync(sessionId, memberId);
            if (!live)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(CookieName)) context.Response.Cookies.Delete(CookieName);
            }
        }
        await next();
    });
}
