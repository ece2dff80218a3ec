using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Talk;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// Live chat at the issue's size: 2,000 members connected over WebSockets to the real app (a separate
/// Release process on loopback), 20 in each of 100 group rooms. It measures the server's memory per
/// connection (RSS after all have joined minus RSS before, over the number of connections) and the
/// delivery latency of messages sent at a steady rate: for every other member of the room, the time
/// its "message" event arrived minus the time the sender called Send (one process, one clock; the
/// send time travels in the message text). Everything is bounded in count and time, and the server is
/// killed at the end.
///
/// Settings (environment): CHAT_MEMBERS (2000), CHAT_ROOMS (100), CHAT_RATE (messages per second per
/// room, 1), CHAT_SECONDS (measured, 20), CHAT_WARMUP_SECONDS (5), CHAT_HISTORY (messages already in
/// each room, 1000), CHAT_PORT (5320), RTR_APP_DLL (the app's Release build), CHAT_KEEP=1 keeps the
/// database and the server log.
/// </summary>
public static class ChatBenchmark
{
    const string Password = "benchmark chat password";

    record Settings(int Members, int Rooms, double RatePerRoom, int Seconds, int WarmupSeconds, int History, int Port, string AppDll, bool Keep)
    {
        public int PerRoom => Members / Rooms;
        public double TotalRate => RatePerRoom * Rooms;
    }

    /// <summary>One connected member: who, which room, and the connection.</summary>
    sealed record Client(int Index, string MemberId, string Email, int RoomId)
    {
        public HubConnection? Connection { get; set; }
        public bool Joined { get; set; }
    }

    public record Reply(bool Ok, int Status, string? Error, long? Id, bool NeedsCare);
    public record Incoming(long Id, int RoomId, string AuthorId, string Author, string Html, DateTime SentAt, bool Edited, string State);
    record LoginAnswer(string AccessToken);

    static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;
    static double EnvD(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public static async Task<int> RunAsync(string provider, string worldPath, string postgresWorld, Gazetteer gazetteer)
    {
        if (provider is not ("sqlite" or "postgres")) throw new ArgumentException($"unknown provider {provider}");
        var s = new Settings(
            Members: Env("CHAT_MEMBERS", 2000), Rooms: Env("CHAT_ROOMS", 100), RatePerRoom: EnvD("CHAT_RATE", 1.0),
            Seconds: Env("CHAT_SECONDS", 20), WarmupSeconds: Env("CHAT_WARMUP_SECONDS", 5), History: Env("CHAT_HISTORY", 1000),
            Port: Env("CHAT_PORT", 5320),
            AppDll: Path.GetFullPath(Environment.GetEnvironmentVariable("RTR_APP_DLL") ?? "src/RunTalkRun/bin/Release/net10.0/RunTalkRun.dll"),
            Keep: Environment.GetEnvironmentVariable("CHAT_KEEP") == "1");
        if (s.Members % s.Rooms != 0 || s.PerRoom < 2) throw new ArgumentException("CHAT_MEMBERS must be a multiple of CHAT_ROOMS, at least 2 a room.");
        if (!File.Exists(s.AppDll)) throw new FileNotFoundException($"Build the app in Release first (dotnet build -c Release src/RunTalkRun): {s.AppDll}");
        if (!PortIsFree(s.Port)) throw new InvalidOperationException($"127.0.0.1:{s.Port} is in use: set CHAT_PORT.");

        var dir = Directory.CreateTempSubdirectory("rtr-chat-").FullName;
        var database = provider == "sqlite" ? Database.Sqlite(worldPath, Path.Combine(dir, "chat.db")) : Database.Postgres(postgresWorld);
        Process? server = null;
        var clients = new List<Client>();
        try
        {
            Console.WriteLine($"chat on {provider}: {s.Members} members in {s.Rooms} rooms ({s.PerRoom} each), {s.RatePerRoom:0.##} messages/s per room " +
                              $"({s.TotalRate:0.#} messages/s in all), {s.WarmupSeconds} s warm-up then {s.Seconds} s measured; WebSockets; loopback port {s.Port}");
            await database.CopyWorldAsync(gazetteer);
            clients = await PrepareAsync(s, database.NewDb);

            server = StartServer(s, dir, database.ServerSettings);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{s.Port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitForServerAsync(http, server);
            var idle = Memory.Of(server.Id);
            Console.WriteLine($"  server up (pid {server.Id}): {idle}");

            var tokens = await LoginAllAsync(http, clients);
            await Task.Delay(2000);
            var before = Memory.Of(server.Id);
            Console.WriteLine($"  before connecting: {before}");

            await ConnectAllAsync(s, clients, tokens);
            var connected = clients.Count(c => c.Joined);
            await Task.Delay(3000);
            var after = Memory.Of(server.Id);
            Console.WriteLine($"  after {connected} connections joined: {after}");
            var perRss = (after.RssKb - before.RssKb) * 1024.0 / connected;
            var perAnon = (after.AnonKb - before.AnonKb) * 1024.0 / connected;
            Console.WriteLine($"  memory per connection: {perRss / 1024:0.0} KiB RSS ({perAnon / 1024:0.0} KiB anonymous/private)");

            await MessagesAsync(s, clients, server);
            var end = Memory.Of(server.Id);
            Console.WriteLine($"  after messaging: {end}; peak RSS {end.PeakKb / 1024} MB");
            Console.WriteLine($"  client process (this one): RSS {Environment.WorkingSet / 1024 / 1024} MB");

            var disposing = Task.WhenAll(clients.Where(c => c.Connection is not null).Select(c => c.Connection!.DisposeAsync().AsTask()));
            try { await disposing.WaitAsync(TimeSpan.FromSeconds(20)); } catch (TimeoutException) { Console.WriteLine("  (connections still closing after 20 s; killing the server)"); }
            return connected == s.Members ? 0 : 1;
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(10_000);
            }
            server?.Dispose();
            if (s.Keep) Console.WriteLine($"  kept: {dir}{(provider == "postgres" ? " and the database " + database.Name : "")}");
            else
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                await database.DropAsync();
            }
        }
    }

    static bool PortIsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException) { return false; }
    }

    // ---------------------------------------------------------------- data

    /// <summary>
    /// A throw-away copy of the generated world (20,000 groups, a year of runs: benchmarks/run.sh makes it):
    /// a copy of the SQLite file, or a new PostgreSQL database made from the rtr_bench database as a template.
    /// Without the world, a smaller one (2,000 groups) is generated in its place.
    /// </summary>
    sealed class Database
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
    static async Task<List<Client>> PrepareAsync(Settings s, Func<AppDb> newDb)
    {
        var clock = Stopwatch.StartNew();

        var hashClock = Stopwatch.StartNew();
        var hash = new PasswordHasher<Member>().HashPassword(null!, Password);
        Console.WriteLine($"  one password hash: {hashClock.Elapsed.TotalMilliseconds:0} ms (each sign-in costs about this much on the server)");

        var now = DateTime.UtcNow;
        List<int> groupIds;
        await using (var db = newDb())
        {
            var all = await db.Groups.OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
            if (all.Count < s.Rooms) throw new InvalidOperationException($"The world has {all.Count} groups, fewer than {s.Rooms} rooms.");
            var step = all.Count / s.Rooms;
            groupIds = Enumerable.Range(0, s.Rooms).Select(i => all[i * step]).ToList();
        }

        var clients = new List<Client>(s.Members);
        await using (var db = newDb())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var rooms = groupIds.Select(g => new Room { Kind = RoomKind.Group, Key = Room.KeyFor(RoomKind.Group, g), GroupId = g, CreatedAt = now.AddDays(-180) }).ToList();
            db.Rooms.AddRange(rooms);
            for (var i = 0; i < s.Members; i++)
            {
                var email = $"chat{i}@example.net";
                var r = i / s.PerRoom;
                var m = new Member
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, PasswordHash = hash, LockoutEnabled = true, Nickname = $"Chatter {i}", JoinedAt = now.AddDays(-200),
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(m);
                var role = (i % s.PerRoom) switch { 0 => GroupRole.Organiser, 1 => GroupRole.Leader, _ => GroupRole.Member };
                db.Memberships.Add(new GroupMembership { GroupId = groupIds[r], MemberId = m.Id, Role = role, JoinedAt = now.AddDays(-200) });
                clients.Add(new Client(i, m.Id, email, 0));
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
                        SentAt = now.AddMinutes(-5 - (s.History - k) * (180.0 * 24 * 60 / s.History)),
                    });
                }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"  prepared in {clock.Elapsed.TotalSeconds:0.0} s: {s.Rooms} rooms, {s.Members} members, {s.Rooms * s.History} messages of history");
        return clients;
    }

    // ---------------------------------------------------------------- the server

    static Process StartServer(Settings s, string dir, Dictionary<string, string> database)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(s.AppDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{s.Port}");
        psi.WorkingDirectory = Path.GetDirectoryName(s.AppDll)!;
        var env = psi.Environment;
        foreach (var key in env.Keys.Where(k => k.StartsWith("ASPNETCORE_") || k.StartsWith("ConnectionStrings__") || k.StartsWith("Database__") || k.StartsWith("Redis__")).ToList())
            env.Remove(key);
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in database) env[key] = value;
        env["Data__Directory"] = dir;
        env["Demo__Seed"] = "false";
        env["Jobs__Enabled"] = "false";
        env["Talk__MessagesPerMinute"] = "100000";
        env["Logging__LogLevel__Default"] = "Warning";
        var log = new StreamWriter(Path.Combine(dir, "app.log")) { AutoFlush = true };
        var server = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    static async Task WaitForServerAsync(HttpClient http, Process server)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (server.HasExited) throw new InvalidOperationException($"The app exited with code {server.ExitCode}; see app.log (CHAT_KEEP=1 keeps it).");
            try
            {
                if ((await http.GetAsync("/livez")).IsSuccessStatusCode)
                {
                    Console.WriteLine($"  app started in {clock.Elapsed.TotalSeconds:0.0} s (migrations, run scheduling)");
                    return;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not answer /livez within 180 s.");
    }

    /// <summary>The server's memory from /proc: resident (VmRSS), its anonymous (private) part, and the peak.</summary>
    record Memory(long RssKb, long AnonKb, long PeakKb)
    {
        public static Memory Of(int pid)
        {
            long Read(string[] lines, string key) =>
                long.Parse(lines.First(l => l.StartsWith(key + ":")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            var lines = File.ReadAllLines($"/proc/{pid}/status");
            return new Memory(Read(lines, "VmRSS"), Read(lines, "RssAnon"), Read(lines, "VmHWM"));
        }

        public override string ToString() => $"RSS {RssKb / 1024.0:0.0} MB (anonymous {AnonKb / 1024.0:0.0} MB)";
    }

    static TimeSpan CpuTime(int pid)
    {
        // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that closes the name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(f[11]) + long.Parse(f[12])) / 100.0);
    }

    // ---------------------------------------------------------------- clients

    /// <summary>Each member signs in through the API (POST /api/v1/auth/login), two at a time (2 cores).</summary>
    static async Task<string[]> LoginAllAsync(HttpClient http, List<Client> clients)
    {
        var clock = Stopwatch.StartNew();
        var tokens = new string[clients.Count];
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, ct) =>
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = c.Email, password = Password }, ct);
            response.EnsureSuccessStatusCode();
            tokens[c.Index] = (await response.Content.ReadFromJsonAsync<LoginAnswer>(ct))!.AccessToken;
        });
        Console.WriteLine($"  {clients.Count} sign-ins (bearer tokens) in {clock.Elapsed.TotalSeconds:0.0} s");
        return tokens;
    }

    static Action<Client, Incoming>? onMessage;

    static async Task ConnectAllAsync(Settings s, List<Client> clients, string[] tokens)
    {
        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cts.Token }, async (c, ct) =>
        {
            var token = tokens[c.Index];
            var connection = new HubConnectionBuilder()
                .WithUrl($"http://127.0.0.1:{s.Port}/hubs/talk", o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Critical))
                .Build();
            connection.On<Incoming>("message", m => onMessage?.Invoke(c, m));
            c.Connection = connection;
            try
            {
                await connection.StartAsync(ct);
                var reply = await connection.InvokeAsync<Reply>("Join", c.RoomId, ct);
                if (reply.Ok) c.Joined = true;
                else failures.Enqueue($"join refused: {reply.Status} {reply.Error}");
            }
            catch (Exception e) when (e is not OperationCanceledException) { failures.Enqueue(e.GetType().Name + ": " + e.Message); }
        });
        Console.WriteLine($"  {clients.Count(c => c.Joined)} of {clients.Count} connected over WebSockets and joined their room in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var f in failures.GroupBy(f => f).Take(5)) Console.WriteLine($"    failed x{f.Count()}: {f.Key}");
    }

    // ---------------------------------------------------------------- messages

    static async Task MessagesAsync(Settings s, List<Client> clients, Process server)
    {
        var byRoom = clients.Where(c => c.Joined).GroupBy(c => c.RoomId).Select(g => g.ToArray()).ToArray();
        var totalMessages = (int)Math.Ceiling(s.TotalRate * (s.WarmupSeconds + s.Seconds));
        var measuredCap = (long)Math.Ceiling(s.TotalRate * s.Seconds * 1.05 + 10) * s.PerRoom;
        var deliveries = new long[measuredCap];
        var acks = new long[measuredCap / s.PerRoom + 10];
        long deliveryCount = 0, ackCount = 0, lateCount = 0;
        long measureFrom = long.MaxValue;
        long expected = 0, sendOk = 0, sendFailed = 0, skipped = 0, inFlight = 0, wrongRoom = 0;
        var errors = new ConcurrentDictionary<string, int>();

        onMessage = (c, m) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (m.AuthorId == c.MemberId) return; // the sender's own copy
            if (m.RoomId != c.RoomId) { Interlocked.Increment(ref wrongRoom); return; }
            var parts = m.Html.Split(' ', 4);
            if (parts.Length < 3 || parts[0] != "bench" || !long.TryParse(parts[2], out var sentAt)) return;
            if (sentAt < Volatile.Read(ref measureFrom)) return; // warm-up
            var i = Interlocked.Increment(ref deliveryCount) - 1;
            if (i < deliveries.Length) deliveries[i] = now - sentAt;
            else Interlocked.Increment(ref lateCount);
        };

        var random = new Random(7);
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(s.WarmupSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(s.Seconds * Stopwatch.Frequency);
        Volatile.Write(ref measureFrom, measureStart);
        var pending = new List<Task>(totalMessages);
        TimeSpan serverCpu0 = default, clientCpu0 = default;
        var cpuTaken = false;
        for (var n = 0; n < totalMessages; n++)
        {
            var due = start + (long)(n / s.TotalRate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (!cpuTaken && Stopwatch.GetTimestamp() >= measureStart)
            {
                serverCpu0 = CpuTime(server.Id);
                clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                cpuTaken = true;
            }
            var room = byRoom[random.Next(byRoom.Length)];
            var sender = room[random.Next(room.Length)];
            if (Interlocked.Read(ref inFlight) > 5000) { Interlocked.Increment(ref skipped); continue; }
            var sentAt = Stopwatch.GetTimestamp();
            var measured = sentAt >= measureStart;
            var text = $"bench {n} {sentAt} Good run this morning, see you all on Thursday at the usual place!";
            Interlocked.Increment(ref inFlight);
            pending.Add(SendOneAsync(sender, text, sentAt, measured, room.Length - 1));
        }
        var sendsDone = Stopwatch.GetTimestamp();

        async Task SendOneAsync(Client sender, string text, long sentAt, bool measured, int others)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var reply = await sender.Connection!.InvokeAsync<Reply>("Send", sender.RoomId, text, cts.Token);
                var took = Stopwatch.GetTimestamp() - sentAt;
                if (!reply.Ok) { errors.AddOrUpdate($"{reply.Status} {reply.Error}", 1, (_, v) => v + 1); Interlocked.Increment(ref sendFailed); return; }
                if (!measured) return;
                Interlocked.Increment(ref sendOk);
                Interlocked.Add(ref expected, others);
                var i = Interlocked.Increment(ref ackCount) - 1;
                if (i < acks.Length) acks[i] = took;
            }
            catch (Exception e)
            {
                errors.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, v) => v + 1);
                Interlocked.Increment(ref sendFailed);
            }
            finally { Interlocked.Decrement(ref inFlight); }
        }

        // Drain: every send answered (bounded), then up to 10 s for the last deliveries.
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(35)));
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref deliveryCount) < Interlocked.Read(ref expected) && drain.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        var serverCpu = CpuTime(server.Id) - serverCpu0;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu0;
        var wall = Stopwatch.GetElapsedTime(measureStart, Math.Max(sendsDone, Stopwatch.GetTimestamp()));
        onMessage = null;

        var got = Math.Min(Interlocked.Read(ref deliveryCount), deliveries.Length);
        var measuredSends = sendOk;
        Console.WriteLine($"  measured {s.Seconds} s: {measuredSends} messages sent and stored ({measuredSends / (double)s.Seconds:0.0}/s), " +
                          $"{got} deliveries to the other members ({got / (double)s.Seconds:0}/s); expected {expected}, missing {Math.Max(0, expected - got)}; " +
                          $"send failures {sendFailed}, skipped (backlog) {skipped}, wrong room {wrongRoom}");
        foreach (var (error, count) in errors.OrderByDescending(e => e.Value).Take(5)) Console.WriteLine($"    x{count}: {error}");
        Console.WriteLine($"  CPU over the measured window and drain ({wall.TotalSeconds:0.0} s wall, 2 cores = {2 * wall.TotalSeconds:0.0} core-s): " +
                          $"server {serverCpu.TotalSeconds:0.0} core-s ({100 * serverCpu.TotalSeconds / wall.TotalSeconds:0}% of one core), " +
                          $"clients {clientCpu.TotalSeconds:0.0} core-s ({100 * clientCpu.TotalSeconds / wall.TotalSeconds:0}% of one core)");
        Print("delivery (send called -> event at each other member)", deliveries, got);
        Print("send acknowledged (hub Send round trip)", acks, Math.Min(Interlocked.Read(ref ackCount), acks.Length));
    }

    static void Print(string label, long[] ticks, long count)
    {
        if (count == 0) { Console.WriteLine($"  {label}: no samples"); return; }
        var ms = ticks.Take((int)count).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(ms);
        double P(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Length) - 1, 0, ms.Length - 1)];
        Console.WriteLine($"  {label}: n={ms.Length:N0}  p50 {P(0.50):0.0} ms  p95 {P(0.95):0.0} ms  p99 {P(0.99):0.0} ms  max {ms[^1]:0.0} ms");
        double[] edges = [10, 25, 50, 100, 150, 300, 500, 1000];
        var buckets = edges.Select((e, i) => (Label: $"<={e:0}", Count: ms.Count(v => v <= e && (i == 0 || v > edges[i - 1])))).Append((Label: $">{edges[^1]:0}", Count: ms.Count(v => v > edges[^1])));
        Console.WriteLine("      " + string.Join("  ", buckets.Select(b => $"{b.Label} ms: {100.0 * b.Count / ms.Length:0.0}%")));
    }
}
