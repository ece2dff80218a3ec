namespace RunTalkRun.Features.Leading;

public static class LeadingSetup
{
    public static IServiceCollection AddLeading(this IServiceCollection services)
    {
        services.AddScoped<Leading.Applications>();
        services.AddScoped<Leading.Roster>();
        services.AddScoped<Leading.GroupRoles>();
        return services;
    }

    public static WebApplication MapLeading(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapApplicationsApi();
        api.MapLeadingApi();
        return app;
    }
}
