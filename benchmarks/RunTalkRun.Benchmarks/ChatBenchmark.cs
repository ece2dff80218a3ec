using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using RunTalkRun.Features.Places;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// Live chat at the issue's size: 2,000 members connected over WebSockets to the real app (a separate
/// Release process on loopback), 20 in each of 100 group rooms. It measures the server's memory per
/// connection (RSS after all have joined minus RSS before, over the number of connections) and the
/// delivery latency of messages sent at a steady rate: for every other member of the room, the time
/// its "message" event arrived minus the time the sender called Send (one process, one clock; the
/// send time travels in the message text). Everything is bounded in count and time; the server is
/// stopped at the end (SIGTERM, then killed if it lingers) and the copy of the database removed.
///
/// Settings (environment): CHAT_MEMBERS (2000), CHAT_ROOMS (100), CHAT_RATES (messages per second per
/// room, one measured phase per rate on the same connections: "1,3"), CHAT_SECONDS (measured, 20 a
/// phase), CHAT_WARMUP_SECONDS (5), CHAT_HISTORY (messages already in each room, 1000), CHAT_PORT
/// (5320), RTR_APP_DLL (the app's Release build), CHAT_KEEP=1 keeps the database and the server log.
/// The world: RTR_BENCH_SQLITE (a file) or RTR_BENCH_POSTGRES (a connection string; its database is
/// the template, and what else it says, e.g. Maximum Pool Size, is what the app is given).
/// </summary>
public static class ChatBenchmark
{
    internal record Settings(int Members, int Rooms, double[] Rates, int Seconds, int WarmupSeconds, int History, int Port, string AppDll, bool Keep)
    {
        public int PerRoom => Members / Rooms;
    }

    /// <summary>One connected member: who, which room, and the connection.</summary>
    internal sealed record Client(int Index, string MemberId, string Email, int RoomId)
    {
        public HubConnection? Connection { get; set; }
        public bool Joined { get; set; }
    }

    public record Reply(bool Ok, int Status, string? Error, long? Id, bool NeedsCare);
    public record Incoming(long Id, int RoomId, string AuthorId, string Author, string Html, DateTime SentAt, bool Edited, string State);
    record LoginAnswer(string AccessToken);

    static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    public static async Task<int> RunAsync(string provider, string worldPath, string postgresWorld, Gazetteer gazetteer)
    {
        if (provider is not ("sqlite" or "postgres")) throw new ArgumentException($"unknown provider {provider}");
        var s = new Settings(
            Members: Env("CHAT_MEMBERS", 2000), Rooms: Env("CHAT_ROOMS", 100),
            Rates: (Environment.GetEnvironmentVariable("CHAT_RATES") ?? "1,3")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Seconds: Env("CHAT_SECONDS", 20), WarmupSeconds: Env("CHAT_WARMUP_SECONDS", 5), History: Env("CHAT_HISTORY", 1000),
            Port: Env("CHAT_PORT", 5320),
            AppDll: Path.GetFullPath(Environment.GetEnvironmentVariable("RTR_APP_DLL") ?? "src/RunTalkRun/bin/Release/net10.0/RunTalkRun.dll"),
            Keep: Environment.GetEnvironmentVariable("CHAT_KEEP") == "1");
        if (s.Members % s.Rooms != 0 || s.PerRoom < 2) throw new ArgumentException("CHAT_MEMBERS must be a multiple of CHAT_ROOMS, at least 2 a room.");
        if (!File.Exists(s.AppDll)) throw new FileNotFoundException($"Build the app in Release first (dotnet build -c Release src/RunTalkRun): {s.AppDll}");
        if (!ChatServer.PortIsFree(s.Port)) throw new InvalidOperationException($"127.0.0.1:{s.Port} is in use: set CHAT_PORT.");

        var dir = Directory.CreateTempSubdirectory("rtr-chat-").FullName;
        var database = provider == "sqlite" ? ChatWorld.Database.Sqlite(worldPath, Path.Combine(dir, "chat.db")) : ChatWorld.Database.Postgres(postgresWorld);
        Process? server = null;
        var clients = new List<Client>();
        try
        {
            Console.WriteLine($"chat on {provider}: {s.Members} members in {s.Rooms} rooms ({s.PerRoom} each); WebSockets; loopback port {s.Port}; " +
                              $"then for each rate ({string.Join(", ", s.Rates.Select(r => $"{r:0.##}"))} messages/s per room) {s.WarmupSeconds} s warm-up and {s.Seconds} s measured");
            await database.CopyWorldAsync(gazetteer);
            clients = await ChatWorld.PrepareAsync(s, database.NewDb);

            server = ChatServer.StartServer(s, dir, database.ServerSettings);
            var started = server;
            // Stopped by Ctrl+C or a signal: the server goes too (the runtime's own handling then ends this process).
            void StopServer(PosixSignalContext _)
            {
                try { started.Kill(entireProcessTree: true); started.WaitForExit(5000); } catch (Exception) { }
                if (s.Keep) return;
                try { Directory.Delete(dir, recursive: true); } catch (Exception) { }
                try { database.DropAsync().Wait(TimeSpan.FromSeconds(10)); } catch (Exception) { }
            }
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopServer);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopServer);
            using var onQuit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, StopServer);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{s.Port}"), Timeout = TimeSpan.FromSeconds(30) };
            await ChatServer.WaitForServerAsync(http, server);
            var idle = ChatServer.Memory.Of(server.Id);
            Console.WriteLine($"  server up (pid {server.Id}): {idle}");

            var tokens = await LoginAllAsync(http, clients);
            await Task.Delay(2000);
            var before = ChatServer.Memory.Of(server.Id);
            Console.WriteLine($"  before connecting: {before}");

            await ConnectAllAsync(s, clients, tokens);
            var connected = clients.Count(c => c.Joined);
            if (connected == 0) throw new InvalidOperationException("No client could connect and join; see the failures above.");
            await Task.Delay(3000);
            var after = ChatServer.Memory.Of(server.Id);
            Console.WriteLine($"  after {connected} connections joined: {after}");
            var perRss = (after.RssKb - before.RssKb) * 1024.0 / connected;
            var perAnon = (after.AnonKb - before.AnonKb) * 1024.0 / connected;
            Console.WriteLine($"  memory per connection: {perRss / 1024:0.0} KiB RSS ({perAnon / 1024:0.0} KiB anonymous/private)");

            foreach (var rate in s.Rates)
            {
                await MessagesAsync(s, rate, clients, server);
                var end = ChatServer.Memory.Of(server.Id);
                Console.WriteLine($"    server after this phase: {end}; peak RSS so far {end.PeakKb / 1024} MB");
            }
            Console.WriteLine($"  client process (this one): RSS {Environment.WorkingSet / 1024 / 1024} MB");

            var disposing = Task.WhenAll(clients.Where(c => c.Connection is not null).Select(c => c.Connection!.DisposeAsync().AsTask()));
            try { await disposing.WaitAsync(TimeSpan.FromSeconds(20)); } catch (TimeoutException) { Console.WriteLine("  (connections still closing after 20 s; killing the server)"); }
            return connected == s.Members ? 0 : 1;
        }
        finally
        {
            ChatServer.Stop(server);
            if (s.Keep) Console.WriteLine($"  kept: {dir}{(provider == "postgres" ? " and the database " + database.Name : "")}");
            else
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                await database.DropAsync();
            }
        }
    }

    // ---------------------------------------------------------------- clients

    /// <summary>Each member signs in through the API (POST /api/v1/auth/login), two at a time (2 cores).</summary>
    static async Task<string[]> LoginAllAsync(HttpClient http, List<Client> clients)
    {
        var clock = Stopwatch.StartNew();
        var tokens = new string[clients.Count];
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, ct) =>
        {
            var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = c.Email, password = ChatWorld.Password }, ct);
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

    static async Task MessagesAsync(Settings s, double ratePerRoom, List<Client> clients, Process server)
    {
        var totalRate = ratePerRoom * s.Rooms;
        Console.WriteLine($"  {ratePerRoom:0.##} message/s per room = {totalRate:0.#} messages/s in all, each to {s.PerRoom - 1} others = {totalRate * (s.PerRoom - 1):0} deliveries/s:");
        var byRoom = clients.Where(c => c.Joined).GroupBy(c => c.RoomId).Select(g => g.ToArray()).ToArray();
        var totalMessages = (int)Math.Ceiling(totalRate * (s.WarmupSeconds + s.Seconds));
        var measuredCap = (long)Math.Ceiling(totalRate * s.Seconds * 1.05 + 10) * s.PerRoom;
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
        Volatile.Write(ref measureFrom, measureStart);
        var pending = new List<Task>(totalMessages);
        TimeSpan serverCpu0 = default, clientCpu0 = default;
        var cpuTaken = false;
        for (var n = 0; n < totalMessages; n++)
        {
            var due = start + (long)(n / totalRate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (!cpuTaken && Stopwatch.GetTimestamp() >= measureStart)
            {
                serverCpu0 = ChatServer.CpuTime(server.Id);
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
        var serverCpu = ChatServer.CpuTime(server.Id) - serverCpu0;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu0;
        var wall = Stopwatch.GetElapsedTime(measureStart, Math.Max(sendsDone, Stopwatch.GetTimestamp()));
        onMessage = null;

        var got = Math.Min(Interlocked.Read(ref deliveryCount), deliveries.Length);
        var measuredSends = sendOk;
        Console.WriteLine($"    measured {s.Seconds} s: {measuredSends} messages sent and stored ({measuredSends / (double)s.Seconds:0.0}/s), " +
                          $"{got} deliveries to the other members ({got / (double)s.Seconds:0}/s); expected from the acknowledged sends {expected}, missing {Math.Max(0, expected - got)}; " +
                          $"send failures {sendFailed}, skipped (backlog) {skipped}, wrong room {wrongRoom}{(lateCount > 0 ? $", beyond the sample array {lateCount}" : "")}");
        foreach (var (error, count) in errors.OrderByDescending(e => e.Value).Take(5)) Console.WriteLine($"      x{count}: {error}");
        Console.WriteLine($"    CPU over the measured window and drain ({wall.TotalSeconds:0.0} s wall, {Environment.ProcessorCount} cores = {Environment.ProcessorCount * wall.TotalSeconds:0.0} core-s): " +
                          $"server {serverCpu.TotalSeconds:0.0} core-s ({100 * serverCpu.TotalSeconds / wall.TotalSeconds:0}% of one core), " +
                          $"clients {clientCpu.TotalSeconds:0.0} core-s ({100 * clientCpu.TotalSeconds / wall.TotalSeconds:0}% of one core)");
        Print("delivery (send called -> event at each other member)", deliveries, got);
        Print("send acknowledged (hub Send round trip)", acks, Math.Min(Interlocked.Read(ref ackCount), acks.Length));
    }

    static void Print(string label, long[] ticks, long count)
    {
        if (count == 0) { Console.WriteLine($"    {label}: no samples"); return; }
        var ms = ticks.Take((int)count).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(ms);
        double P(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Length) - 1, 0, ms.Length - 1)];
        Console.WriteLine($"    {label}: n={ms.Length:N0}  p50 {P(0.50):0.0} ms  p95 {P(0.95):0.0} ms  p99 {P(0.99):0.0} ms  max {ms[^1]:0.0} ms");
        double[] edges = [10, 25, 50, 100, 150, 300, 500, 1000];
        var buckets = edges.Select((e, i) => (Label: $"<={e:0}", Count: ms.Count(v => v <= e && (i == 0 || v > edges[i - 1])))).Append((Label: $">{edges[^1]:0}", Count: ms.Count(v => v > edges[^1])));
        Console.WriteLine("      " + string.Join("  ", buckets.Select(b => $"{b.Label} ms: {100.0 * b.Count / ms.Length:0.0}%")));
    }
}
