using System.Diagnostics;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Runs;
using Microsoft.EntityFrameworkCore;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// "Runs near me" (50 km, the next 14 days) in process, as a request would run it: a new AppDb per
/// query. Points are drawn near real groups (where people who search live) and anywhere in the
/// gazetteer. Reports percentiles, and time per result at several radii to show cost follows results.
/// </summary>
public static class NearBenchmark
{
    public static async Task RunAsync(Func<AppDb> newDb, Gazetteer gazetteer, string label, int queries = 2000)
    {
        var random = new Random(7);
        List<(double Lat, double Lon)> groupPoints;
        await using (var db = newDb())
            groupPoints = await db.Groups.AsNoTracking().Select(g => new ValueTuple<double, double>(g.Latitude, g.Longitude)).ToListAsync();
        var places = gazetteer.All;
        (double, double) Point() => random.NextDouble() < 0.8
            ? groupPoints[random.Next(groupPoints.Count)] is var g ? (g.Lat + (random.NextDouble() - 0.5) * 0.4, g.Lon + (random.NextDouble() - 0.5) * 0.4) : default
            : places[random.Next(places.Count)] is var p ? (p.Latitude, p.Longitude) : default;

        async Task<(double Ms, int Results)> One(double radius)
        {
            var (lat, lon) = Point();
            var now = SystemClock.Instance.GetCurrentInstant();
            var sw = Stopwatch.StartNew();
            await using var db = newDb();
            var results = await RunsNear.FindAsync(db, new RunsNear.Query(lat, lon, radius, now, now.Plus(Duration.FromDays(14)), null));
            return (sw.Elapsed.TotalMilliseconds, results.Count);
        }

        for (var i = 0; i < 200; i++) await One(50); // warm up: JIT, connection pool, caches

        var samples = new List<(double Ms, int Results)>();
        for (var i = 0; i < queries; i++) samples.Add(await One(50));
        var ms = samples.Select(s => s.Ms).Order().ToArray();
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        Console.WriteLine($"{label}: runs near me, 50 km, next 14 days, {queries} queries: p50 {P(0.50):0.00} ms, p95 {P(0.95):0.00} ms, p99 {P(0.99):0.00} ms, max {ms[^1]:0.00} ms; {samples.Average(s => s.Results):0.0} runs per answer on average");

        Console.WriteLine($"{label}: cost against results (500 queries each):");
        foreach (var radius in new[] { 10.0, 50, 200, 1000 })
        {
            var r = new List<(double Ms, int Results)>();
            for (var i = 0; i < 500; i++) r.Add(await One(radius));
            var avgMs = r.Average(x => x.Ms);
            var avgResults = r.Average(x => x.Results);
            Console.WriteLine($"  radius {radius,5:0} km: {avgMs,7:0.00} ms mean, {avgResults,7:0.0} runs mean, {(avgResults > 0 ? avgMs / avgResults : 0),6:0.000} ms per run");
        }
    }
}
