using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Pages sign in with a cookie, API clients with a bearer token; one scheme picks between them.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager<SessionSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OnceOnlyAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider) // an app's code works once
            .AddErrorDescriber<KindIdentityErrors>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = SessionsMiddleware.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax; // Secure: SecuritySetup
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // The API answers 401/403 with problem details instead of redirecting to a page. A refused page answers
            // 403 at its own address, and the error page (Error.cshtml) says who it is for: see Refusals.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Identity's other cookies: the pending second step of signing in, and the unused remember-this-browser and
        // external ones (only ever cleared). HttpOnly and SameSite=Lax like the sign-in cookie (Secure: SecuritySetup).
        foreach (var (scheme, name) in new[] { (IdentityConstants.TwoFactorUserIdScheme, "rtr.two-step"), (IdentityConstants.TwoFactorRememberMeScheme, "rtr.two-step-remember"), (IdentityConstants.ExternalScheme, "rtr.external") })
            services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = name;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
            });

        // Every half hour the sign-in cookie is checked against the account (its security stamp) and made anew:
        // the new one keeps its session.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal?.FindFirst(Sessions.Claim) is { } session && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                identity.AddClaim(new System.Security.Claims.Claim(Sessions.Claim, session.Value));
            return Task.CompletedTask;
        });
        services.AddScoped<Sessions>();
        services.AddScoped<CurrentMember>();
        services.AddScoped<AccountMail>();
        return services;
    }

    public static WebApplication MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapAuthApi(); // and the sessions API
        return app;
    }

    static Task ApiOr(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
