namespace RunTalkRun.Features.Hq;

public static class HqSetup
{
    public static IServiceCollection AddHq(this IServiceCollection services)
    {
        services.AddScoped<HqRoles>();
        services.AddScoped<Audit.AuditLogReader>();
        return services;
    }

    public static WebApplication MapHq(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPeopleApi();
        Audit.AuditApi.MapAuditApi(api);
        return app;
    }
}
