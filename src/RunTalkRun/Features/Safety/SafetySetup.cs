namespace RunTalkRun.Features.Safety;

public static class SafetySetup
{
    public static IServiceCollection AddSafety(this IServiceCollection services)
    {
        services.AddScoped<Concerns>();
        return services;
    }

    public static WebApplication MapSafety(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapConcernsApi();
        return app;
    }
}
