namespace RunTalkRun.Features.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RetentionSettings>(config.GetSection("Retention"));
        services.AddScoped<MemberData>();
        services.AddScoped<Erasure>();
        services.AddScoped<ConsentChoices>();
        services.AddScoped<Retention>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static WebApplication MapPrivacy(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPrivacyApi();
        return app;
    }
}
