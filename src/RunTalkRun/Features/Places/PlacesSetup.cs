namespace RunTalkRun.Features.Places;

public static class PlacesSetup
{
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddSingleton<Places.Gazetteer>();
        return services;
    }
}
