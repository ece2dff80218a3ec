using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

/// <summary>Find a run: by town or city from the gazetteer, by the browser's location, or the whole directory.</summary>
[OutputCache(PolicyName = Shared.WebSetup.PublicMinute)]
public class IndexModel(AppDb db, IClock clock, Gazetteer gazetteer) : PageModel
{
    public const int RadiusKm = 100;

    public record Item(Group Group, string NextRunText, double DistanceKm = 0);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Near { get; set; }
    [BindProperty(SupportsGet = true)] public string? Place { get; set; }

    public string? PlaceLabel { get; private set; }
    public string? NearError { get; private set; }
    public List<Item> Nearby { get; private set; } = [];
    public List<Item> Nearest { get; private set; } = [];
    public List<Place> OtherPlaces { get; private set; } = [];
    public List<Place> Suggestions { get; private set; } = [];
    public List<Item> Groups { get; private set; } = [];
    public List<Item> All { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var q = Q?.Trim();
        if (q is { Length: > 100 }) q = q[..100];
        (double Lat, double Lon)? point = null;

        if (!string.IsNullOrEmpty(Near))
        {
            point = PlacesApi.ParseNear(Near, out var error);
            NearError = error is null ? null : "We couldn't read that location. " + error;
            PlaceLabel = point is { } at ? TrustedLabel(Place?.Trim(), at.Lat, at.Lon) : null;
        }
        else if (!string.IsNullOrEmpty(q))
        {
            var places = await PlaceRanking.PreferNearGroupsAsync(db, gazetteer.Search(q, 6));
            if (places.Count > 0)
            {
                point = (places[0].Latitude, places[0].Longitude);
                PlaceLabel = places[0].Label;
                OtherPlaces = places.Skip(1).ToList();
            }
        }

        if (point is { } p)
        {
            var within = await NearbyGroups.WithinAsync(db, p.Lat, p.Lon, RadiusKm);
            Nearby = await WithNextRunsAsync(within);
            if (Nearby.Count == 0) Nearest = await WithNextRunsAsync(await NearbyGroups.NearestAsync(db, p.Lat, p.Lon, 3));
            return;
        }

        if (!string.IsNullOrEmpty(q))
        {
            var term = q.ToLower();
            var named = await db.Groups.AsNoTracking().Where(g => g.Town.ToLower().Contains(term) || g.Name.ToLower().Contains(term)).ToListAsync();
            Groups = await WithNextRunsAsync(named.Select(g => new GroupDistance(g, 0)).ToList());
            if (Groups.Count == 0) Suggestions = gazetteer.Search(q[..Math.Min(4, q.Length)], 5).ToList();
        }
        if (Groups.Count == 0)
        {
            var all = await db.Groups.AsNoTracking().OrderBy(g => g.Country).ThenBy(g => g.Town).ThenBy(g => g.Name).ToListAsync();
            All = await WithNextRunsAsync(all.Select(g => new GroupDistance(g, 0)).ToList());
        }
    }

    async Task<List<Item>> WithNextRunsAsync(List<GroupDistance> groups)
    {
        var nowUtc = clock.GetCurrentInstant().ToDateTimeUtc();
        var ids = groups.Select(g => g.Group.Id).ToList();
        var nextRuns = await db.Runs.AsNoTracking()
            .Where(r => ids.Contains(r.GroupId) && r.StartsAtUtc > nowUtc && r.Status == RunStatus.Scheduled)
            .GroupBy(r => r.GroupId)
            .Select(g => g.OrderBy(r => r.StartsAtUtc).First())
            .ToListAsync();
        return groups.Select(g => new Item(g.Group, nextRuns.FirstOrDefault(r => r.GroupId == g.Group.Id) is { } run
            ? $"Next run: {run.LocalWhen(g.Group)} ({g.Group.ZoneName()})"
            : "No runs planned at the moment.", g.DistanceKm)).ToList();
    }

    /// <summary>
    /// The heading shows a place name from the address only when the gazetteer has that name at
    /// those coordinates: a crafted link can't put words of its own (a false phone number, say) on the page.
    /// </summary>
    string TrustedLabel(string? label, double lat, double lon)
    {
        if (label == "your location") return label;
        if (string.IsNullOrEmpty(label) || label.Length > 120) return "that location";
        var name = label.Split(',')[0];
        return gazetteer.Search(name, 50).Any(p => p.Label == label && Geo.DistanceKm(p.Latitude, p.Longitude, lat, lon) < 5) ? label : "that location";
    }

    public static string DistanceText(double km) => km < 1 ? "Less than 1 km away" : $"{km:0} km ({km * 0.621371:0} miles) away";

    public static string NearLink(Place p) =>
        $"/groups?near={p.Latitude.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)},{p.Longitude.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}&place={Uri.EscapeDataString(p.Label)}";
}
