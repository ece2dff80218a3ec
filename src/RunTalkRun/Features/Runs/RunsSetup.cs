namespace RunTalkRun.Features.Runs;

public static class RunsSetup
{
    public static IServiceCollection AddRuns(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RunScheduler>();
        services.AddHostedService<RunSchedulerService>();
        services.Configure<WaitlistSettings>(config.GetSection("Waitlist"));
        services.Configure<OnlineAddressSettings>(config.GetSection("OnlineAddress"));
        services.AddScoped<Rsvps>();
        services.Configure<RunChangeSettings>(config.GetSection("RunChanges"));
        services.AddScoped<RunChanges>();
        services.AddScoped<RunJobs>();
        services.AddHostedService<RunJobsService>();
        return services;
    }

    public static WebApplication MapRuns(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapRunsApi();
        api.MapRunManagementApi();
        api.MapRegisterApi();
        api.MapMyRunsApi();
        return app;
    }
}
