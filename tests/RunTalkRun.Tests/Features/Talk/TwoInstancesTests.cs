using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RunTalkRun.Data;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>
/// Two real app processes on two ports, sharing the database and a real Redis (127.0.0.1:6379, started by
/// scripts/setup.sh): a message sent through one instance reaches a member connected to the other, and a
/// token made by one is accepted by the other (the data-protection keys live in Redis too).
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    const string Redis = "127.0.0.1:6379";
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "rtr-two-instances", Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string?> settings;
    readonly List<Process> processes = [];
    Uri first = null!, second = null!;

    public TwoInstancesTests()
    {
        Directory.CreateDirectory(dataDirectory);
        settings = TestDatabase.SettingsFor(dataDirectory);
    }

    public async Task InitializeAsync()
    {
        using (var probe = new TcpClient())
        {
            try { await probe.ConnectAsync("127.0.0.1", 6379); }
            catch (SocketException) { Assert.Fail($"Redis is not running on {Redis}: run scripts/setup.sh, which installs and starts it."); }
        }
        first = await StartAsync(); // the first migrates and seeds the demo community; then the second joins it
        second = await StartAsync();
    }

    async Task<Uri> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0)) { listener.Start(); port = ((IPEndPoint)listener.LocalEndpoint).Port; }
        var app = typeof(Program).Assembly.Location; // the app's own build, copied beside the tests
        var start = new ProcessStartInfo("dotnet", [app, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Demo__Seed"] = "true";
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Redis__Configuration"] = Redis;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Site__BaseUrl"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        var url = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = url };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(process.HasExited, $"The app on port {port} stopped with exit code {(process.HasExited ? process.ExitCode : 0)}");
            try { if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) return url; }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The app on port {port} did not answer /healthz in 90 seconds");
    }

    static async Task<string> TokenAsync(Uri instance, string email)
    {
        using var client = new HttpClient { BaseAddress = instance };
        // The demo's HQ accounts use two-step sign-in, with the demo authenticator key.
        var code = email is DemoCommunity.HqEmail or DemoCommunity.SafeguardingEmail or DemoCommunity.ModeratorEmail ? Totp.Code(DemoCommunity.HqAuthenticatorKey) : null;
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    static async Task<(HubConnection, Channel<MessageView>)> ConnectAsync(Uri instance, string token)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(instance, "/hubs/talk"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        }).Build();
        var received = Channel.CreateUnbounded<MessageView>();
        hub.On<MessageView>("message", m => received.Writer.TryWrite(m));
        await hub.StartAsync();
        return (hub, received);
    }

    static async Task<MessageView> NextAsync(Channel<MessageView> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task A_message_sent_through_one_instance_reaches_a_member_connected_to_the_other()
    {
        // The organiser signs in on the first instance; the moderator (in every room) on the second, with a
        // token the first instance made: the keys are shared through Redis.
        var organiserToken = await TokenAsync(first, DemoCommunity.LeaderEmail("peterborough"));
        var moderatorToken = await TokenAsync(first, DemoCommunity.ModeratorEmail);
        using var organiserApi = new HttpClient { BaseAddress = first };
        organiserApi.DefaultRequestHeaders.Authorization = new("Bearer", organiserToken);
        var rooms = await organiserApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms");
        var room = rooms!.Single(r => r.Kind == "group" && r.Name == "Peterborough").Id;

        var (onFirst, receivedOnFirst) = await ConnectAsync(first, organiserToken);
        var (onSecond, receivedOnSecond) = await ConnectAsync(second, moderatorToken);
        Assert.True((await onFirst.InvokeAsync<HubReply>("Join", room)).Ok);
        Assert.True((await onSecond.InvokeAsync<HubReply>("Join", room)).Ok);

        var sent = await organiserApi.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "Sent through the first instance" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("Sent through the first instance", (await NextAsync(receivedOnSecond)).Html);
        Assert.Equal("Sent through the first instance", (await NextAsync(receivedOnFirst)).Html);

        var reply = await onSecond.InvokeAsync<HubReply>("Send", room, "And back through the second");
        Assert.True(reply.Ok, reply.Error);
        var back = await NextAsync(receivedOnFirst);
        Assert.Equal(reply.Id, back.Id);
        Assert.Equal("Moderator", back.Author);
        await Task.WhenAll(onFirst.DisposeAsync().AsTask(), onSecond.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task Losing_access_through_one_instance_reaches_the_connection_held_by_the_other()
    {
        var organiserToken = await TokenAsync(first, DemoCommunity.LeaderEmail("peterborough"));
        var leaverToken = await TokenAsync(first, "member4@example.org"); // a Peterborough member
        using var organiserApi = new HttpClient { BaseAddress = first };
        organiserApi.DefaultRequestHeaders.Authorization = new("Bearer", organiserToken);
        using var leaverApi = new HttpClient { BaseAddress = first };
        leaverApi.DefaultRequestHeaders.Authorization = new("Bearer", leaverToken);
        var room = (await organiserApi.GetFromJsonAsync<TalkApi.RoomSummary[]>("/api/v1/rooms"))!.Single(r => r.Kind == "group" && r.Name == "Peterborough").Id;

        var (witness, receivedByWitness) = await ConnectAsync(first, organiserToken);
        var (leaver, receivedByLeaver) = await ConnectAsync(second, leaverToken);
        var closed = new TaskCompletionSource();
        leaver.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        Assert.True((await witness.InvokeAsync<HubReply>("Join", room)).Ok);
        Assert.True((await leaver.InvokeAsync<HubReply>("Join", room)).Ok);

        Assert.Equal(HttpStatusCode.NoContent, (await leaverApi.DeleteAsync("/api/v1/groups/peterborough/membership")).StatusCode);
        await Task.Delay(500); // the change travels through Redis to the second instance
        Assert.Equal(HttpStatusCode.Created, (await organiserApi.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "After they left" })).StatusCode);
        Assert.Equal("After they left", (await NextAsync(receivedByWitness)).Html);
        await Task.Delay(500);
        Assert.False(receivedByLeaver.Reader.TryRead(out _));

        // Signing out on the first instance closes the connection held by the second.
        Assert.Equal(HttpStatusCode.NoContent, (await leaverApi.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(witness.DisposeAsync().AsTask(), leaver.DisposeAsync().AsTask());
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            try { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); } catch (InvalidOperationException) { }
            process.Dispose();
        }
        if (TestDatabase.IsPostgres && settings["ConnectionStrings:Postgres"] is { } connection)
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database;
            await using var server = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer + ";Database=postgres");
            await server.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
