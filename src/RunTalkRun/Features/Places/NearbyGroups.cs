using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Places;

public record GroupDistance(Group Group, double DistanceKm);

/// <summary>Groups near a point: an indexed box in the database first, then exact distances.</summary>
public static class NearbyGroups
{
    public const double MaxRadiusKm = 2000;
    /// <summary>How far "the nearest groups" looks, widening until it finds enough (the last is the whole Earth).</summary>
    public static readonly double[] NearestRadiiKm = [100, 500, MaxRadiusKm, 25000];

    public static async Task<List<GroupDistance>> WithinAsync(AppDb db, double lat, double lon, double radiusKm, int take = 50)
    {
        var (minLat, maxLat, minLon, maxLon) = Geo.Box(lat, lon, radiusKm);
        var candidates = await db.Groups.AsNoTracking().Listed()
            .Where(g => g.Latitude >= minLat && g.Latitude <= maxLat && g.Longitude >= minLon && g.Longitude <= maxLon)
            .ToListAsync();
        return candidates
            .Select(g => new GroupDistance(g, Geo.DistanceKm(lat, lon, g.Latitude, g.Longitude)))
            .Where(g => g.DistanceKm <= radiusKm)
            .OrderBy(g => g.DistanceKm).ThenBy(g => g.Group.Name)
            .Take(take)
            .ToList();
    }

    /// <summary>The nearest groups at any distance, for "there's no group near you yet, the nearest is...".</summary>
    public static async Task<List<GroupDistance>> NearestAsync(AppDb db, double lat, double lon, int take)
    {
        List<GroupDistance> found = [];
        foreach (var radius in NearestRadiiKm)
            if ((found = await WithinAsync(db, lat, lon, radius, take)).Count >= take) break;
        return found;
    }
}
