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
/// from the (GroupId, StartsAt) index; virtual runs, which are anywhere, from their own index.
/// </summary>
public static class RunsNear
{
    public const int MaxDays = 92;

    public record Query(double? Lat, double? Lon, double RadiusKm, SearchBound From, SearchBound To, bool? Virtual);

    /// <summary>
    /// One end of the search window: an exact instant (a time with an offset or Z), or a calendar day, which
    /// means that day in the time zone of each run's own group — from=2027-03-05 includes a Brisbane run at
    /// 06:30 on 5 March; to=2027-03-14 includes a Los Angeles run at 19:00 on 14 March (a "to" day is included).
    /// </summary>
    public readonly record struct SearchBound(Instant? At, LocalDate? Day)
    {
        public static implicit operator SearchBound(Instant at) => new(at, null);
        public bool IsDay => Day is not null;
        public Instant StartIn(DateTimeZone zone) => At ?? Day!.Value.AtStartOfDayInZone(zone).ToInstant();
        /// <summary>The end of the window, not included: an instant as given, or the start of the day after.</summary>
        public Instant EndIn(DateTimeZone zone) => At ?? Day!.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
    }

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
        // The checks measure days in UTC; each group's own day is applied when the runs are found.
        var utc = DateTimeZone.Utc;
        var start = ParseWhen(from, "from", errors) ?? new SearchBound(now, null);
        if (!errors.ContainsKey("from") && DateWindow.CheckSearch(start.StartIn(utc), now, "from") is { } fromError) errors["from"] = [fromError];
        if (errors.ContainsKey("from")) start = new SearchBound(now, null);
        // By default two weeks: fourteen whole days from a day, or fourteen days from an instant.
        var end = ParseWhen(to, "to", errors)
            ?? (start.IsDay ? new SearchBound(null, start.Day!.Value.PlusDays(13)) : new SearchBound(start.At!.Value.Plus(Duration.FromDays(14)), null));
        if (!errors.ContainsKey("to") && to is not null && DateWindow.CheckSearch(end.IsDay ? end.StartIn(utc) : end.EndIn(utc), now, "to") is { } toError) errors["to"] = [toError];
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            var (s, e) = (start.StartIn(utc), end.EndIn(utc));
            if (e <= s) errors["to"] = ["to must be after from."];
            else if (e - s > Duration.FromDays(MaxDays)) errors["to"] = [$"Ask for at most {MaxDays} days at a time."];
        }
        return errors.Count > 0 ? (null, errors) : (new Query(point?.Lat, point?.Lon, radius, start, end, isVirtual), errors);
    }

    static SearchBound? ParseWhen(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var withOffset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (withOffset.Success && DateWindow.IsMappable(withOffset.Value.LocalDateTime)) return new SearchBound(withOffset.Value.ToInstant(), null);
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success) return new SearchBound(instant.Value, null);
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success && DateWindow.IsMappable(date.Value.AtMidnight())) return new SearchBound(null, date.Value);
        errors[name] = [$"{name} must be a date like 2026-12-01 (that day where each run is) or a time like 2026-12-01T18:00:00Z."];
        return null;
    }

    public static async Task<List<RunSummary>> FindAsync(AppDb db, Query q, int take = 200)
    {
        var results = new List<RunSummary>();
        // With a day at either end the window depends on the zone: one query per zone (few near any point).
        var byZone = q.From.IsDay || q.To.IsDay;
        if (q.Virtual != true && q.Lat is { } lat && q.Lon is { } lon)
        {
            var groups = (await NearbyGroups.WithinAsync(db, lat, lon, q.RadiusKm, take: 1000)).ToDictionary(g => g.Group.Id);
            var zones = byZone ? groups.Values.GroupBy(g => g.Group.TimeZoneId) : groups.Values.GroupBy(_ => "Etc/UTC");
            foreach (var zone in zones)
            {
                var tz = DateTimeZoneProviders.Tzdb[zone.Key];
                var from = q.From.StartIn(tz);
                var to = q.To.EndIn(tz);
                var ids = zone.Select(g => g.Group.Id).ToList();
                var runs = await db.Runs.AsNoTracking()
                    // The ids go into the SQL as constants: SQLite then seeks the (GroupId, StartsAt) index
                    // for each group instead of scanning every run through a JSON array parameter.
                    .Where(r => EF.Constant(ids).Contains(r.GroupId) && !r.IsVirtual && r.StartsAt >= from && r.StartsAt < to)
                    .OrderBy(r => r.StartsAt).Take(take)
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
        }
        if (q.Virtual != false)
        {
            // Virtual runs are anywhere: with a day at either end, each zone that has groups is asked for its own day.
            var zones = byZone
                ? (await db.Groups.Where(g => g.Status != GroupStatus.Launching).Select(g => g.TimeZoneId).Distinct().ToListAsync()).Select(z => (string?)z).ToList()
                : [null];
            foreach (var zone in zones)
            {
                var tz = zone is null ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb[zone];
                var from = q.From.StartIn(tz);
                var to = q.To.EndIn(tz);
                var runs = await db.Runs.AsNoTracking()
                    .Where(r => r.IsVirtual && r.Group!.Status != GroupStatus.Launching && r.StartsAt >= from && r.StartsAt < to)
                    .Where(r => zone == null || r.Group!.TimeZoneId == zone)
                    .OrderBy(r => r.StartsAt).Take(take)
                    .Include(r => r.Group)
                    .Select(r => new RunWithCount(r, r.Rsvps.AsQueryable().Count(RsvpQueries.IsGoing), r.Leaders.Any()))
                    .ToListAsync();
                results.AddRange(runs.Select(r => r.Run.AsSummary(r.Run.Group!, r.Going, r.HasLeader)));
            }
        }
        return results.OrderBy(r => r.StartsAt).Take(take).ToList();
    }
}
