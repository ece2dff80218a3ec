using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// "Runs near me": the groups in an indexed box around the point, then their runs in the window
/// from the (GroupId, StartsAtUtc) index; virtual runs, which are anywhere, from their own index.
/// </summary>
public static class RunsNear
{
    public const int MaxDays = 92;

    public record Query(double? Lat, double? Lon, double RadiusKm, Instant From, Instant To, bool? Virtual);

    /// <summary>Reads and checks the query string; errors by parameter name.</summary>
    public static (Query? Query, Dictionary<string, string[]> Errors) Parse(string? near, double? radiusKm, string? from, string? to, bool? isVirtual, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        (double Lat, double Lon)? point = null;
        if (near is not null)
        {
            point = PlacesApi.ParseNear(near, out var nearError);
            if (nearError is not null) errors["near"] = [nearError];
        }
        else if (isVirtual != true)
            errors["near"] = ["Give near=lat,lon to find runs near a place (or virtual=true for virtual runs only)."];

        var radius = radiusKm ?? 50;
        if (radius is <= 0 or > NearbyGroups.MaxRadiusKm || double.IsNaN(radius))
            errors["radiusKm"] = [$"radiusKm must be more than 0 and at most {NearbyGroups.MaxRadiusKm:0}."];

        // Both within a year back and two years ahead (Shared/DateWindow), checked before any arithmetic on them.
        var start = ParseWhen(from, "from", errors) ?? now;
        if (!errors.ContainsKey("from") && DateWindow.CheckSearch(start, now, "from") is { } fromError) errors["from"] = [fromError];
        if (errors.ContainsKey("from")) start = now;
        var end = ParseWhen(to, "to", errors) ?? start.Plus(Duration.FromDays(14));
        if (!errors.ContainsKey("to") && to is not null && DateWindow.CheckSearch(end, now, "to") is { } toError) errors["to"] = [toError];
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (end <= start) errors["to"] = ["to must be after from."];
            else if (end - start > Duration.FromDays(MaxDays)) errors["to"] = [$"Ask for at most {MaxDays} days at a time."];
        }
        return errors.Count > 0 ? (null, errors) : (new Query(point?.Lat, point?.Lon, radius, start, end, isVirtual), errors);
    }

    static Instant? ParseWhen(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success && DateWindow.IsMappable(withOffset.Value.LocalDateTime)) return withOffset.Value.ToInstant();
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success) return instant.Value;
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success) return date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        errors[name] = [$"{name} must be a date like 2026-12-01 or a time like 2026-12-01T18:00:00Z."];
        return null;
    }

    public static async Task<List<RunSummary>> FindAsync(AppDb db, Query q, int take = 200)
    {
        var from = q.From.ToDateTimeUtc();
        var to = q.To.ToDateTimeUtc();
        var results = new List<RunSummary>();
        if (q.Virtual != true && q.Lat is { } lat && q.Lon is { } lon)
        {
            var groups = (await NearbyGroups.WithinAsync(db, lat, lon, q.RadiusKm, take: 1000)).ToDictionary(g => g.Group.Id);
            var ids = groups.Keys.ToList();
            var runs = await db.Runs.AsNoTracking()
                // The ids go into the SQL as constants: SQLite then seeks the (GroupId, StartsAtUtc) index
                // for each group instead of scanning every run through a JSON array parameter.
                .Where(r => EF.Constant(ids).Contains(r.GroupId) && !r.IsVirtual && r.StartsAtUtc >= from && r.StartsAtUtc < to)
                .OrderBy(r => r.StartsAtUtc).Take(take)
                .Include(r => r.MeetingPoint)
                .Select(r => new RunWithCount(r, r.Rsvps.AsQueryable().Count(RsvpQueries.IsGoing), r.Leaders.Any()))
                .ToListAsync();
            results.AddRange(runs.Select(r =>
            {
                var g = groups[r.Run.GroupId];
                var distance = r.Run.MeetingPoint is { } mp ? Geo.DistanceKm(lat, lon, mp.Latitude, mp.Longitude) : g.DistanceKm;
                return r.Run.AsSummary(g.Group, r.Going, r.HasLeader) with { DistanceKm = Math.Round(distance, 1) };
            }));
        }
        if (q.Virtual != false)
        {
            var runs = await db.Runs.AsNoTracking()
                .Where(r => r.IsVirtual && r.Group!.Status != GroupStatus.Launching && r.StartsAtUtc >= from && r.StartsAtUtc < to)
                .OrderBy(r => r.StartsAtUtc).Take(take)
                .Include(r => r.Group)
                .Select(r => new RunWithCount(r, r.Rsvps.AsQueryable().Count(RsvpQueries.IsGoing), r.Leaders.Any()))
                .ToListAsync();
            results.AddRange(runs.Select(r => r.Run.AsSummary(r.Run.Group!, r.Going, r.HasLeader)));
        }
        return results.OrderBy(r => r.StartsAt).Take(take).ToList();
    }
}
