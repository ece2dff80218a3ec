using RunTalkRun.Data;

namespace RunTalkRun.Features.Places;

/// <summary>
/// GeoNames has several Brisbanes and Brightons and no sizes; the one a person most likely means,
/// here, is the one with a run near it. Among places of the same name, those with a group within
/// 50 km come first; otherwise the gazetteer's own order stands.
/// </summary>
public static class PlaceRanking
{
    public static async Task<List<Place>> PreferNearGroupsAsync(AppDb db, IReadOnlyList<Place> places)
    {
        var near = new HashSet<Place>();
        foreach (var place in places.Take(10))
            if ((await NearbyGroups.WithinAsync(db, place.Latitude, place.Longitude, 50, take: 1)).Count > 0)
                near.Add(place);
        var firstName = places.Count == 0 ? "" : Gazetteer.Normalise(places[0].Name);
        return places
            .Select((p, i) => (Place: p, Index: i, SameName: Gazetteer.Normalise(p.Name) == firstName))
            .OrderBy(x => x.SameName && near.Contains(x.Place) ? 0 : 1)
            .ThenBy(x => x.Index)
            .Select(x => x.Place)
            .ToList();
    }
}
