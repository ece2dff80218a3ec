namespace RunTalkRun.Features.Places;

/// <summary>Distances on the Earth's surface, and the box around a circle for an indexed first pass.</summary>
public static class Geo
{
    const double EarthRadiusKm = 6371.0088;

    public static bool IsValid(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !double.IsNaN(lat) && !double.IsNaN(lon);

    /// <summary>Great-circle distance in km (haversine).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A latitude/longitude box that holds every point within <paramref name="radiusKm"/>.</summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) Box(double lat, double lon, double radiusKm)
    {
        var dLat = radiusKm / 111.0;
        var minLat = Math.Max(-90, lat - dLat);
        var maxLat = Math.Min(90, lat + dLat);
        var cos = Math.Cos(Math.Max(Math.Abs(minLat), Math.Abs(maxLat)) * Math.PI / 180);
        if (cos < 0.01 || radiusKm / (111.0 * cos) >= 180) return (minLat, maxLat, -180, 180); // near a pole, or the whole way round
        var dLon = radiusKm / (111.0 * cos);
        // Across the date line the box is split in two by the caller; here it is simply widened to the whole range.
        if (lon - dLon < -180 || lon + dLon > 180) return (minLat, maxLat, -180, 180);
        return (minLat, maxLat, lon - dLon, lon + dLon);
    }
}
