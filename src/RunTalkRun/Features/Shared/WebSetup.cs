using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Shared;

public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration config)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AppDb>("database");
        services.AddHttpContextAccessor();
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("RunTalkRun")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DatabaseSetup.DataDirectory(config), "keys")));
        services.Configure<SmtpSettings>(config.GetSection("Smtp"));
        services.AddSingleton<Mailer>();
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<Places.Gazetteer>();
        services.AddScoped<RunScheduler>();
        services.AddHostedService<RunSchedulerService>();
        services.AddAntiforgery(o => o.Cookie.Name = "rtr.af");
        return services;
    }

    static bool IsApi(HttpContext c) => c.Request.Path.StartsWithSegments("/api");

    public static WebApplication UseWeb(this WebApplication app)
    {
        // The API answers problem details for errors and bare error statuses; pages show a friendly page.
        app.UseWhen(IsApi, a => a.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), a => a
            .UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", AllowStatusCode404Response = true })
            .UseStatusCodePagesWithReExecute("/error", "?code={0}"));
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            h.XFrameOptions = "DENY";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
