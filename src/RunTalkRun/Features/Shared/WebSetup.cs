using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Shared;

public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration config)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddCookieTempDataProvider(o =>
            {
                o.Cookie.Name = NoticeCookie;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.HttpOnly = true;
            });
        services.AddSecurity(config);
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddProblemDetails();
        BadRequests.AddTo(services); // unreadable API requests: 400 problem details in every environment
        services.AddExceptionHandler<DatabaseWrites.Handler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AppDb>("database").AddCheck<DatabaseWrites.HealthCheck>("database-writes");
        services.AddHttpContextAccessor();
        var keys = services.AddDataProtection().SetApplicationName("RunTalkRun");
        if (RedisSetup.Connect(services, config) is { } redis) keys.PersistKeysToStackExchangeRedis(redis, "rtr:data-protection-keys");
        else keys.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DatabaseSetup.DataDirectory(config), "keys")));
        services.AddSingleton<MapSettings>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rtr.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        // Pages that anyone may see and that change slowly are kept for a minute for people who are
        // not signed in (the output cache never serves or stores signed-in requests).
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 32 * 1024 * 1024; // a bounded cache: any query string is a new entry
            o.AddPolicy(PublicMinute, b => b.Expire(TimeSpan.FromSeconds(60)).SetVaryByQuery("*"));
        });
        return services;
    }

    public const string PublicMinute = "PublicMinute";
    /// <summary>The one-off notice after a form ("You're coming. See you there!") travels in this cookie.</summary>
    public const string NoticeCookie = "rtr.notice";

    static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api");

    public static WebApplication UseWeb(this WebApplication app)
    {
        // First: everything after this sees the client's own address and scheme (from a known proxy only).
        app.UseForwardedHeaders();
        // The API answers problem details for errors and bare error statuses; pages show a friendly page.
        app.UseWhen(IsApi, a => a.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), a => a
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", AllowStatusCode404Response = true })
            .UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        var tiles = app.Services.GetRequiredService<MapSettings>().TileOrigin;
        var csp = $"default-src 'self'; img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            h.XFrameOptions = "DENY";
            h.ContentSecurityPolicy = csp;
            await next();
        });
        app.UseStaticFiles();
        // Front-end packages from npm (Leaflet), copied beside the app by the build.
        var lib = Path.Combine(AppContext.BaseDirectory, "lib");
        if (Directory.Exists(lib))
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(lib),
                RequestPath = "/lib",
                OnPrepareResponse = f => f.Context.Response.Headers.CacheControl = "public, max-age=604800",
            });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSessions();
        app.UseNoStoreWhenSignedIn();
        app.UseTwoFactorForHq();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();
        return app;
    }
}
