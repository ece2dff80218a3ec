using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.TimeZones;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// A world-sized community: groups at real places from the gazetteer (each in the IANA zone of the
/// nearest tz-database location in its country), one weekly series each, a year of runs
/// (26 weeks back, 26 ahead), and a few RSVPs on the next fortnight's runs. Deterministic (seeded).
/// </summary>
public static class WorldGenerator
{
    public static async Task GenerateAsync(Func<AppDb> newDb, Gazetteer gazetteer, int groupCount, int weeks, int seed = 42)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        await using (var db = newDb())
        {
            await db.Database.EnsureDeletedAsync();
            await db.Database.MigrateAsync();
        }

        var zones = TzdbDateTimeZoneSource.Default.ZoneLocations!.GroupBy(z => z.CountryCode).ToDictionary(g => g.Key, g => g.ToList());
        var places = gazetteer.All.Where(p => zones.ContainsKey(p.Country)).ToList();
        var now = SystemClock.Instance.GetCurrentInstant();
        var days = new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday };

        // Members, for RSVPs: rows only, nobody signs in as them.
        const int memberCount = 5000;
        var memberIds = new List<string>(memberCount);
        await using (var db = newDb())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < memberCount; i++)
            {
                var email = $"bench{i}@example.net";
                var m = new Member { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), Nickname = $"Runner {i}", JoinedAt = now, SecurityStamp = Guid.NewGuid().ToString() };
                db.Users.Add(m);
                memberIds.Add(m.Id);
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"  {memberCount} members in {clock.Elapsed.TotalSeconds:0.0} s");

        const int batch = 1000;
        var runCount = 0;
        var rsvpCount = 0;
        for (var start = 0; start < groupCount; start += batch)
        {
            await using var db = newDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var groups = new List<(Group Group, Place Place)>();
            for (var i = start; i < Math.Min(groupCount, start + batch); i++)
            {
                var place = places[random.Next(places.Count)];
                var zone = zones[place.Country].MinBy(z => Geo.DistanceKm(place.Latitude, place.Longitude, z.Latitude, z.Longitude))!.ZoneId;
                var group = new Group
                {
                    Slug = $"g{i}-{Slugify(place.Name)}", Name = $"{place.Name} {i}", Town = place.Name, Country = place.Country,
                    TimeZoneId = zone, About = "A generated group for benchmarks.", Latitude = place.Latitude, Longitude = place.Longitude,
                };
                group.MeetingPoints.Add(new MeetingPoint { Name = "The usual place", Address = place.Name, Latitude = place.Latitude + random.NextDouble() * 0.01, Longitude = place.Longitude + random.NextDouble() * 0.01, IsBase = true, HasToilets = random.Next(2) == 0, StepFree = random.Next(2) == 0 });
                db.Groups.Add(group);
                groups.Add((group, place));
            }
            await db.SaveChangesAsync();

            var series = groups.Select(g => new RunSeries
            {
                GroupId = g.Group.Id, MeetingPointId = g.Group.MeetingPoints[0].Id, Title = "Weekly run",
                DayOfWeek = days[random.Next(7)], LocalTime = new TimeOnly(random.Next(2) == 0 ? 7 : 18, random.Next(2) * 30),
                StartsOn = now.InUtc().Date.PlusWeeks(-weeks / 2 - 1).ToDateOnly(),
            }).ToList();
            db.RunSeries.AddRange(series);
            await db.SaveChangesAsync();

            var fortnight = now.Plus(Duration.FromDays(14));
            foreach (var (s, (group, _)) in series.Zip(groups))
            {
                var today = now.InZone(group.Zone).Date;
                foreach (var (date, at) in s.Occurrences(today.PlusWeeks(-weeks / 2), today.PlusWeeks(weeks / 2).PlusDays(-1), group.Zone))
                {
                    var run = Run.FromSeries(s, date, at);
                    if (at > now && at < fortnight)
                        foreach (var member in Enumerable.Range(0, random.Next(6)).Select(_ => memberIds[random.Next(memberIds.Count)]).Distinct())
                        {
                            run.Rsvps.Add(new Rsvp { MemberId = member, CreatedAt = now });
                            rsvpCount++;
                        }
                    db.Runs.Add(run);
                    runCount++;
                }
            }
            await db.SaveChangesAsync();
            if ((start / batch) % 5 == 4 || start + batch >= groupCount)
                Console.WriteLine($"  {Math.Min(groupCount, start + batch)} groups, {runCount} runs, {rsvpCount} RSVPs in {clock.Elapsed.TotalSeconds:0} s");
        }
    }

    static string Slugify(string name) =>
        new string(Gazetteer.Normalise(name).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-') is { Length: > 0 } s ? s[..Math.Min(40, s.Length)] : "place";
}
