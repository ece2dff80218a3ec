namespace RunTalkRun.Features.Jobs;

/// <summary>Settings shared by the background jobs (Jobs:Enabled and their intervals).</summary>
public static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<JobSettings>(config.GetSection("Jobs"));
        return services;
    }
}
