using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Places;

public record GroupDistance(Group Group, double DistanceKm);

/// <summary>Groups near a point: an indexed box in the database first, then exact distances.</summary>
public static class NearbyGroups
{
    public const double MaxRadiusKm = 2000;

    public static async Task<List<GroupDistance>> WithinAsync(AppDb db, double lat, double lon, double radiusKm, int take = 50)
    {
        var (minLat, maxLat, minLon, maxLon) = Geo.Box(lat, lon, radiusKm);
        var candidates = await db.Groups.AsNoTracking()
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
        foreach (var radius in new[] { 100.0, 500, MaxRadiusKm, 25000 })
        {
            var found = await WithinAsync(db, lat, lon, radius, take);
            if (found.Count >= take || radius >= 25000) return found;
        }
        return [];
    }
}
