using Microsoft.AspNetCore.Http.HttpResults;

namespace RunTalkRun.Features.Places;

public static class PlacesApi
{
    public record PlaceSummary(string Name, string Region, string Country, double Latitude, double Longitude, string Label);

    public static RouteGroupBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/places").WithTags("Places");
        api.MapGet("/", async Task<Results<Ok<PlaceSummary[]>, ValidationProblem>> (string? q, Gazetteer gazetteer, Data.AppDb db) =>
        {
            var query = q?.Trim() ?? "";
            if (query.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Give a place name to look for, like Peterborough."] });
            if (query.Length > 100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["A place name must be 100 characters or fewer."] });
            var places = await PlaceRanking.PreferNearGroupsAsync(db, gazetteer.Search(query, 10));
            return TypedResults.Ok(places.Select(p => new PlaceSummary(p.Name, p.Region, p.Country, p.Latitude, p.Longitude, p.Label)).ToArray());
        }).WithSummary("Places by name from the offline gazetteer (GeoNames, CC BY 4.0), best first");
        return api;
    }

    /// <summary>Reads "lat,lon". Null with a message when it is not two numbers in range.</summary>
    public static (double Lat, double Lon)? ParseNear(string? near, out string? error)
    {
        error = null;
        var parts = (near ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lon))
        {
            if (Geo.IsValid(lat, lon)) return (lat, lon);
            error = "Latitude must be between -90 and 90, and longitude between -180 and 180.";
            return null;
        }
        error = "near must be a latitude and a longitude separated by a comma, like 52.57,-0.24.";
        return null;
    }
}
