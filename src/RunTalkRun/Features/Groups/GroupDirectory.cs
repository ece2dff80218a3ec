using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Runs;
using StackExchange.Redis;

namespace RunTalkRun.Features.Groups;

/// <summary>
/// Every group and its next few runs, held in memory for the find-a-run page: a search near a place
/// becomes a binary search on latitude and no database round trip. Any change this instance saves to
/// groups, series or runs marks it stale (<see cref="DirectoryInvalidator"/>), and, with Redis, every other
/// instance's too, through a channel; it is also reloaded at least every minute, so without Redis changes
/// made by another instance show within a minute, the same as the page's output cache. Marking it stale also drops the find page's output-cached answers (tagged
/// <see cref="OutputCacheTag"/>), so a group that has just gone live is found at once, whatever the
/// search's capitals. Filtered searches and the API still ask the database.
/// </summary>
public sealed class GroupDirectory
{
    /// <summary>The output cache's tag on pages built from the directory.</summary>
    public const string OutputCacheTag = "group-directory";
    static readonly RedisChannel Channel = RedisChannel.Literal("rtr:group-directory:changed");

    readonly IServiceScopeFactory scopes;
    readonly IClock clock;
    readonly ILogger<GroupDirectory> log;
    readonly IOutputCacheStore outputCache;
    readonly ISubscriber? redis;
    /// <summary>This instance, so that it doesn't act on its own news twice.</summary>
    readonly string instance = Guid.NewGuid().ToString("N");

    public GroupDirectory(IServiceScopeFactory scopes, IClock clock, ILogger<GroupDirectory> log, IOutputCacheStore outputCache, IServiceProvider services)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.log = log;
        this.outputCache = outputCache;
        var multiplexer = services.GetService<IConnectionMultiplexer>();
        redis = multiplexer?.GetSubscriber();
        if (multiplexer is null) return;
        // Redis may be out of reach at start: subscribe when it can be reached (the subscription then outlives reconnections).
        _ = SubscribeAsync();
        multiplexer.ConnectionRestored += (sender, args) => { if (!subscribed) _ = SubscribeAsync(); };
    }

    volatile bool subscribed;

    async Task SubscribeAsync()
    {
        try
        {
            await redis!.SubscribeAsync(Channel, (channel, value) => { if ((string?)value != instance) InvalidateHere(); });
            subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning(e, "Could not subscribe to group directory changes through Redis yet; other instances' changes show within a minute");
        }
    }

    public static readonly Duration MaxAge = Duration.FromMinutes(1);
    /// <summary>Far enough ahead for a monthly series' next run.</summary>
    const int DaysAhead = 35;
    const int RunsKept = 3;

    public sealed record Entry(Group Group, Instant[] Upcoming)
    {
        public Instant? NextRun(Instant now)
        {
            foreach (var start in Upcoming) if (start > now) return start;
            return null;
        }
    }

    sealed record Snapshot(Entry[] ByLatitude, double[] Latitudes, Instant LoadedAt, long Version);

    Snapshot? current;
    long version; // bumped by every change; a snapshot loaded before the bump is stale
    readonly SemaphoreSlim reloading = new(1, 1);

    /// <summary>Marks the directory stale here and, when <paramref name="everywhere"/> and Redis is set up, on every instance.</summary>
    public void Invalidate(bool everywhere = true)
    {
        InvalidateHere();
        if (everywhere && redis is not null) _ = TellOthersAsync();
    }

    async Task TellOthersAsync()
    {
        try { await redis!.PublishAsync(Channel, instance); }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning(e, "Could not tell other instances the group directory changed; they see it within a minute");
        }
    }

    void InvalidateHere()
    {
        Interlocked.Increment(ref version);
        var evicting = outputCache.EvictByTagAsync(OutputCacheTag, CancellationToken.None);
        if (!evicting.IsCompletedSuccessfully) _ = ObserveAsync(evicting);
    }

    async Task ObserveAsync(ValueTask evicting)
    {
        try { await evicting; }
        catch (Exception e) { log.LogWarning(e, "Dropping the find page's cached answers failed; they expire within a minute"); }
    }

    async ValueTask<Snapshot> GetAsync()
    {
        var s = Volatile.Read(ref current);
        var wanted = Interlocked.Read(ref version);
        if (s is not null && s.Version == wanted)
        {
            // Only old: answer from it while one reload runs in the background (changes from other instances).
            if (clock.GetCurrentInstant() - s.LoadedAt >= MaxAge && reloading.Wait(0))
                _ = Task.Run(async () =>
                {
                    try { Volatile.Write(ref current, await LoadAsync(wanted)); }
                    catch (Exception e) { log.LogWarning(e, "Reloading the group directory failed; the old one stays for now"); }
                    finally { reloading.Release(); }
                });
            return s;
        }
        // Changed here (or never loaded): wait for the new one, so people see their own changes at once.
        await reloading.WaitAsync();
        try
        {
            s = Volatile.Read(ref current);
            wanted = Interlocked.Read(ref version);
            if (s is not null && s.Version == wanted) return s;
            s = await LoadAsync(wanted);
            Volatile.Write(ref current, s);
            return s;
        }
        finally { reloading.Release(); }
    }

    async Task<Snapshot> LoadAsync(long atVersion)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = clock.GetCurrentInstant();
        var until = now.Plus(Duration.FromDays(DaysAhead));
        var groups = await db.Groups.AsNoTracking().Listed().ToListAsync();
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.StartsAt > now && r.StartsAt < until && r.Status == RunStatus.Scheduled && r.Leaders.Any()) // a run with no leader isn't shown as happening
            .OrderBy(r => r.GroupId).ThenBy(r => r.StartsAt)
            .Select(r => new { r.GroupId, r.StartsAt }).ToListAsync();
        var upcoming = runs.GroupBy(r => r.GroupId).ToDictionary(g => g.Key, g => g.Take(RunsKept).Select(r => r.StartsAt).ToArray());
        var entries = groups.Select(g => new Entry(g, upcoming.GetValueOrDefault(g.Id, []))).OrderBy(e => e.Group.Latitude).ToArray();
        log.LogDebug("Group directory loaded: {Groups} groups, {Runs} runs", entries.Length, runs.Count);
        return new Snapshot(entries, entries.Select(e => e.Group.Latitude).ToArray(), now, atVersion);
    }

    /// <summary>The groups within <paramref name="radiusKm"/> of a point, nearest first (then by name), at most <paramref name="take"/>.</summary>
    public async ValueTask<List<(Entry Entry, double DistanceKm)>> WithinAsync(double lat, double lon, double radiusKm, int take = 50)
    {
        var s = await GetAsync();
        var (minLat, maxLat, minLon, maxLon) = Geo.Box(lat, lon, radiusKm);
        var i = Array.BinarySearch(s.Latitudes, minLat);
        if (i < 0) i = ~i;
        while (i > 0 && s.Latitudes[i - 1] >= minLat) i--;
        var found = new List<(Entry, double)>();
        for (; i < s.Latitudes.Length && s.Latitudes[i] <= maxLat; i++)
        {
            var g = s.ByLatitude[i].Group;
            if (g.Longitude < minLon || g.Longitude > maxLon) continue;
            var km = Geo.DistanceKm(lat, lon, g.Latitude, g.Longitude);
            if (km <= radiusKm) found.Add((s.ByLatitude[i], km));
        }
        return found.OrderBy(f => f.Item2).ThenBy(f => f.Item1.Group.Name, StringComparer.Ordinal).Take(take).ToList();
    }

    /// <summary>The nearest groups at any distance, for "there's no group near you yet, the nearest is...".</summary>
    public async ValueTask<List<(Entry Entry, double DistanceKm)>> NearestAsync(double lat, double lon, int take)
    {
        List<(Entry Entry, double DistanceKm)> found = [];
        foreach (var radius in NearbyGroups.NearestRadiiKm)
            if ((found = await WithinAsync(lat, lon, radius, take)).Count >= take) break;
        return found;
    }
}
