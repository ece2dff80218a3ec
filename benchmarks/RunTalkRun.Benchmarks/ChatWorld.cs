using NodaTime;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Talk;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// The chat benchmark's data: a throw-away copy of the world, and the rooms, members and history added to it.
/// </summary>
internal static class ChatWorld
{
    /// <summary>Every chat member's password (one hash, computed once; the clients sign in with it).</summary>
    internal const string Password = "benchmark chat password";

    /// <summary>
    /// A throw-away copy of the generated world (20,000 groups, a year of runs: benchmarks/run.sh makes it):
    /// a copy of the SQLite file, or a new PostgreSQL database made from the rtr_bench database as a template.
    /// Without the world, a smaller one (2,000 groups) is generated in its place.
    /// </summary>
    internal sealed class Database
    {
        public required string Name { get; init; }
        public required Func<AppDb> NewDb { get; init; }
        public required Dictionary<string, string> ServerSettings { get; init; }
        public required Func<Gazetteer, Task> Copy { get; init; }
        public Func<Task> Drop { get; init; } = () => Task.CompletedTask;

        public Task CopyWorldAsync(Gazetteer gazetteer) => Copy(gazetteer);
        public Task DropAsync() => Drop();

        const int SmallWorld = 2000;

        static async Task GenerateSmallAsync(Func<AppDb> newDb, Gazetteer gazetteer, string missing)
        {
            Console.WriteLine($"  world: {missing} is missing; generating a smaller one ({SmallWorld} groups, 52 weeks). Run benchmarks/run.sh for the full world.");
            await WorldGenerator.GenerateAsync(newDb, gazetteer, SmallWorld, 52);
        }

        public static Database Sqlite(string worldPath, string dbPath)
        {
            Func<AppDb> newDb = () => new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={dbPath};Pooling=false").Options);
            return new Database
            {
                Name = dbPath, NewDb = newDb,
                ServerSettings = new() { ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Sqlite"] = $"Data Source={dbPath}" },
                Copy = async gazetteer =>
                {
                    if (!File.Exists(worldPath)) await GenerateSmallAsync(newDb, gazetteer, worldPath);
                    else
                    {
                        File.Copy(worldPath, dbPath);
                        Console.WriteLine($"  world: a copy of {worldPath} ({new FileInfo(worldPath).Length / 1024 / 1024} MB)");
                    }
                    await using var db = newDb();
                    await db.Database.MigrateAsync();
                },
            };
        }

        public static Database Postgres(string worldConnectionString)
        {
            var world = new Npgsql.NpgsqlConnectionStringBuilder(worldConnectionString);
            var name = $"rtr_chat_{Guid.NewGuid():N}"[..24];
            var chat = new Npgsql.NpgsqlConnectionStringBuilder(worldConnectionString) { Database = name }.ConnectionString;
            var admin = new Npgsql.NpgsqlConnectionStringBuilder(worldConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            Func<AppDb> newDb = () => new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(chat).Options);
            async Task Execute(string sql)
            {
                await using var c = new Npgsql.NpgsqlConnection(admin);
                await c.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand(sql, c) { CommandTimeout = 600 };
                await cmd.ExecuteNonQueryAsync();
            }
            async Task<bool> Exists(string db)
            {
                await using var c = new Npgsql.NpgsqlConnection(admin);
                await c.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = @n", c);
                cmd.Parameters.AddWithValue("n", db);
                return await cmd.ExecuteScalarAsync() is not null;
            }
            return new Database
            {
                Name = name, NewDb = newDb,
                ServerSettings = new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Postgres"] = chat },
                Copy = async gazetteer =>
                {
                    if (!await Exists(world.Database!)) await GenerateSmallAsync(newDb, gazetteer, $"PostgreSQL database {world.Database}");
                    else
                    {
                        var clock = Stopwatch.StartNew();
                        Npgsql.NpgsqlConnection.ClearAllPools();
                        await Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{world.Database}\" STRATEGY FILE_COPY");
                        Console.WriteLine($"  world: database {name}, a copy of {world.Database} ({clock.Elapsed.TotalSeconds:0.0} s)");
                    }
                    await using var db = newDb();
                    await db.Database.MigrateAsync();
                },
                Drop = async () =>
                {
                    Npgsql.NpgsqlConnection.ClearAllPools();
                    await Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                },
            };
        }
    }

    /// <summary>
    /// The chat, added to the world: 100 groups spread over it each get their room, 20 members (one
    /// organiser, one leader, 18 members) and some history. Members are written straight to the database
    /// with one precomputed password hash (Identity's hashing is deliberately slow).
    /// </summary>
    internal static async Task<List<ChatBenchmark.Client>> PrepareAsync(ChatBenchmark.Settings s, Func<AppDb> newDb)
    {
        var clock = Stopwatch.StartNew();

        var hashClock = Stopwatch.StartNew();
        var hash = new PasswordHasher<Member>().HashPassword(null!, Password);
        Console.WriteLine($"  one password hash: {hashClock.Elapsed.TotalMilliseconds:0} ms (each sign-in costs about this much on the server)");

        var now = SystemClock.Instance.GetCurrentInstant();
        List<int> groupIds;
        await using (var db = newDb())
        {
            var all = await db.Groups.OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
            if (all.Count < s.Rooms) throw new InvalidOperationException($"The world has {all.Count} groups, fewer than {s.Rooms} rooms.");
            var step = all.Count / s.Rooms;
            groupIds = Enumerable.Range(0, s.Rooms).Select(i => all[i * step]).ToList();
        }

        var clients = new List<ChatBenchmark.Client>(s.Members);
        await using (var db = newDb())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var rooms = groupIds.Select(g => new Room { Kind = RoomKind.Group, Key = Room.KeyFor(RoomKind.Group, g), GroupId = g, CreatedAt = now.Plus(Duration.FromDays(-180)) }).ToList();
            db.Rooms.AddRange(rooms);
            for (var i = 0; i < s.Members; i++)
            {
                var email = $"chat{i}@example.net";
                var r = i / s.PerRoom;
                var m = new Member
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, PasswordHash = hash, LockoutEnabled = true, Nickname = $"Chatter {i}", JoinedAt = now.Plus(Duration.FromDays(-200)),
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(m);
                var role = (i % s.PerRoom) switch { 0 => GroupRole.Organiser, 1 => GroupRole.Leader, _ => GroupRole.Member };
                db.Memberships.Add(new GroupMembership { GroupId = groupIds[r], MemberId = m.Id, Role = role, JoinedAt = now.Plus(Duration.FromDays(-200)) });
                clients.Add(new ChatBenchmark.Client(i, m.Id, email, 0));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            for (var i = 0; i < clients.Count; i++) clients[i] = clients[i] with { RoomId = rooms[i / s.PerRoom].Id };
        }

        // History: a room's past messages, spread over the last half year, by its members.
        var random = new Random(11);
        string[] lines =
        [
            "Good run this morning, thanks everyone!", "Is anyone going on Thursday? I might be a bit late.",
            "Which meeting point is it this week?", "That hill nearly finished me off but I made it.",
            "See you all at the usual place at 7.", "Thanks for waiting for me at the back today.",
            "Does anyone have a spare head torch for the evening runs?", "Well done on your first 5k!",
        ];
        for (var r = 0; r < s.Rooms && s.History > 0; r += 10)
        {
            await using var db = newDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var room = r; room < Math.Min(s.Rooms, r + 10); room++)
                for (var k = 0; k < s.History; k++)
                {
                    var author = clients[room * s.PerRoom + random.Next(s.PerRoom)];
                    db.Messages.Add(new ChatMessage
                    {
                        RoomId = author.RoomId, AuthorId = author.MemberId, Text = lines[random.Next(lines.Length)],
                        SentAt = now.Plus(Duration.FromMinutes(-5 - (s.History - k) * (180.0 * 24 * 60 / s.History))),
                    });
                }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"  prepared in {clock.Elapsed.TotalSeconds:0.0} s: {s.Rooms} rooms, {s.Members} members, {s.Rooms * s.History} messages of history");
        return clients;
    }
}
