namespace RunTalkRun.Features.Places;

public static class PlacesSetup
{
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddSingleton<Places.Gazetteer>();
        return services;
    }

    public static WebApplication MapPlaces(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPlacesApi();
        return app;
    }
}
