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
[OutputCache(PolicyName = Shared.WebSetup.PublicMinute, Tags = [GroupDirectory.OutputCacheTag])]
public class IndexModel(AppDb db, IClock clock, Gazetteer gazetteer, GroupDirectory directory, IConfiguration config) : PageModel
{
    public const int RadiusKm = 100;

    public record Item(Group Group, string NextRunText, double DistanceKm = 0, bool Matches = true);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Near { get; set; }
    [BindProperty(SupportsGet = true)] public string? Place { get; set; }
    /// <summary>Filters: a day of the week, "morning" (before noon) or "evening" (from 5pm), step-free meeting points, virtual runs.</summary>
    [BindProperty(SupportsGet = true)] public string? Day { get; set; }
    [BindProperty(SupportsGet = true)] public string? Time { get; set; }
    [BindProperty(SupportsGet = true)] public bool StepFree { get; set; }
    [BindProperty(SupportsGet = true)] public bool Virtual { get; set; }

    public List<RunSummary> VirtualRuns { get; private set; } = [];
    public bool Filtered => DayFilter is not null || Time is "morning" or "evening" || StepFree;
    IsoDayOfWeek? DayFilter => Enum.TryParse<IsoDayOfWeek>(Day, true, out var d) && d != IsoDayOfWeek.None && Enum.IsDefined(d) ? d : null;

    public string? PlaceLabel { get; private set; }
    /// <summary>The place searched for by name, for "ask to start a group" there.</summary>
    public Place? SearchedPlace { get; private set; }
    public string StartGroupLink => SearchedPlace is { } p
        ? $"/lead/apply?town={Uri.EscapeDataString(p.Name)}&country={Uri.EscapeDataString(p.Country)}"
        : "/lead/apply";
    public string? NearError { get; private set; }
    public List<Item> Nearby { get; private set; } = [];
    public List<Item> Nearest { get; private set; } = [];
    public List<Place> OtherPlaces { get; private set; } = [];
    public List<Place> Suggestions { get; private set; } = [];
    public List<Item> Groups { get; private set; } = [];
    public List<Item> All { get; private set; } = [];

    /// <summary>The groups on the page, on a map (drawn by script; the list is the page).</summary>
    public Shared.MapView Map => PlaceLabel is { } place && SearchPoint is { } at
        ? new($"Map of the groups near {place}", (Nearby.Count > 0 ? Nearby : Nearest).Select(MapPointOf).ToList(), new(place == "your location" ? "You are here" : place, at.Lat, at.Lon))
        : new("Map of every group", (Groups.Count > 0 ? Groups : All).Select(MapPointOf).ToList());

    (double Lat, double Lon)? SearchPoint { get; set; }

    static Shared.MapPoint MapPointOf(Item i) => new(i.Group.Name, i.Group.Latitude, i.Group.Longitude, $"/groups/{i.Group.Slug}", i.NextRunText);

    public async Task OnGetAsync()
    {
        var q = Q?.Trim();
        if (q is { Length: > 100 }) q = q[..100];
        (double Lat, double Lon)? point = null;

        if (!string.IsNullOrEmpty(Near))
        {
            point = PlacesApi.ParseNear(Near, out var error);
            NearError = error is null ? null : "We couldn't read that location. " + error;
            PlaceLabel = point is { } given ? TrustedLabel(Place?.Trim(), given.Lat, given.Lon) : null;
        }
        else if (!string.IsNullOrEmpty(q))
        {
            var places = await PlaceRanking.PreferNearGroupsAsync(db, gazetteer.Search(q, 6));
            if (places.Count > 0)
            {
                point = (places[0].Latitude, places[0].Longitude);
                PlaceLabel = places[0].Label;
                SearchedPlace = places[0];
                OtherPlaces = places.Skip(1).ToList();
            }
        }

        if (Virtual)
        {
            var now = clock.GetCurrentInstant();
            VirtualRuns = await RunsNear.FindAsync(db, new RunsNear.Query(null, null, 1, now, now.Plus(Duration.FromDays(28)), true), take: 10);
        }

        SearchPoint = point;
        if (point is { } at && !Filtered && config.GetValue("FindPage:InMemoryDirectory", true))
        {
            // The common search, no filters: from the in-memory directory, no database round trip.
            var now = clock.GetCurrentInstant();
            Item ItemOf((GroupDirectory.Entry Entry, double Km) f) => new(f.Entry.Group, NextRunText(f.Entry.NextRun(now), f.Entry.Group), f.Km);
            Nearby = (await directory.WithinAsync(at.Lat, at.Lon, RadiusKm)).Select(ItemOf).ToList();
            if (Nearby.Count == 0) Nearest = (await directory.NearestAsync(at.Lat, at.Lon, 3)).Select(ItemOf).ToList();
            return;
        }
        if (point is { } p)
        {
            var within = await NearbyGroups.WithinAsync(db, p.Lat, p.Lon, RadiusKm);
            Nearby = await WithNextRunsAsync(within);
            if (Filtered) Nearby = Nearby.Where(i => i.Matches).ToList();
            if (Nearby.Count == 0 && !Filtered) Nearest = await WithNextRunsAsync(await NearbyGroups.NearestAsync(db, p.Lat, p.Lon, 3));
            return;
        }

        if (!string.IsNullOrEmpty(q))
        {
            var term = q.ToLower();
            var named = await db.Groups.AsNoTracking().Listed().Where(g => g.Town.ToLower().Contains(term) || g.Name.ToLower().Contains(term)).ToListAsync();
            Groups = await WithNextRunsAsync(named.Select(g => new GroupDistance(g, 0)).ToList());
            if (Groups.Count == 0) Suggestions = gazetteer.Search(q[..Math.Min(4, q.Length)], 5).ToList();
        }
        if (Groups.Count == 0)
        {
            var all = await db.Groups.AsNoTracking().Listed().OrderBy(g => g.Country).ThenBy(g => g.Town).ThenBy(g => g.Name).ToListAsync();
            All = await WithNextRunsAsync(all.Select(g => new GroupDistance(g, 0)).ToList());
        }
    }

    async Task<List<Item>> WithNextRunsAsync(List<GroupDistance> groups)
    {
        if (Filtered) return await WithNextMatchingRunsAsync(groups);
        var now = clock.GetCurrentInstant();
        var ids = groups.Select(g => g.Group.Id).ToList();
        var nextRuns = await db.Runs.AsNoTracking()
            .Where(r => ids.Contains(r.GroupId) && r.StartsAt > now && r.Status == RunStatus.Scheduled && r.Leaders.Any())
            .GroupBy(r => r.GroupId)
            .Select(g => g.OrderBy(r => r.StartsAt).First())
            .ToListAsync();
        return groups.Select(g => new Item(g.Group, NextRunText(nextRuns.FirstOrDefault(r => r.GroupId == g.Group.Id)?.StartsAt, g.Group), g.DistanceKm)).ToList();
    }

    static string NextRunText(Instant? startsAt, Group group) => startsAt is { } start
        ? $"Next run: {new Run { StartsAt = start }.LocalWhen(group)} ({group.ZoneName()})"
        : "No runs planned at the moment.";

    /// <summary>Each group's next in-person run in the coming four weeks that fits the filters.</summary>
    async Task<List<Item>> WithNextMatchingRunsAsync(List<GroupDistance> groups)
    {
        var now = clock.GetCurrentInstant();
        var until = now.Plus(Duration.FromDays(28));
        var ids = groups.Select(g => g.Group.Id).ToList();
        var runs = await db.Runs.AsNoTracking().Include(r => r.MeetingPoint)
            .Where(r => ids.Contains(r.GroupId) && r.StartsAt > now && r.StartsAt < until && r.Status == RunStatus.Scheduled && !r.IsVirtual && r.Leaders.Any())
            .OrderBy(r => r.StartsAt).ToListAsync();
        var day = DayFilter;
        bool Fits(Run r, Group g)
        {
            var local = r.LocalStart(g.Zone);
            if (day is { } d && local.DayOfWeek != d) return false;
            if (Time == "morning" && local.Hour >= 12) return false;
            if (Time == "evening" && local.Hour < 17) return false;
            if (StepFree && r.MeetingPoint?.StepFree != true) return false;
            return true;
        }
        return groups.Select(g => runs.FirstOrDefault(r => r.GroupId == g.Group.Id && Fits(r, g.Group)) is { } run
            ? new Item(g.Group, $"Next run that fits: {run.LocalWhen(g.Group)} ({g.Group.ZoneName()})", g.DistanceKm)
            : new Item(g.Group, "No run that fits in the next four weeks.", g.DistanceKm, Matches: false)).ToList();
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
