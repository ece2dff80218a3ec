using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RunTalkRun.Benchmarks;

/// <summary>
/// The app under test as a separate Release process on loopback: starting it, waiting until it answers,
/// stopping it, and reading its memory and CPU time from /proc.
/// </summary>
internal static class ChatServer
{
    [DllImport("libc", EntryPoint = "kill")]
    static extern int Kill(int pid, int signal);

    internal static bool PortIsFree(int port)
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

    internal static Process StartServer(ChatBenchmark.Settings s, string dir, Dictionary<string, string> database)
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
        env["Site__BaseUrl"] = $"http://127.0.0.1:{s.Port}";
        foreach (var (key, value) in database) env[key] = value;
        env["Data__Directory"] = dir;
        env["Demo__Seed"] = "false";
        env["Jobs__Enabled"] = "false";
        env["Talk__MessagesPerMinute"] = "100000";
        env["RateLimits__SignIn__PermitLimit"] = "1000000"; // 2,000 sign-ins from one address, on purpose
        env["Logging__LogLevel__Default"] = "Warning";
        var log = new StreamWriter(Path.Combine(dir, "app.log")) { AutoFlush = true };
        var server = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    internal static async Task WaitForServerAsync(HttpClient http, Process server)
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

    /// <summary>Stops the server if it is still running, and lets go of it.</summary>
    internal static void Stop(Process? server)
    {
        if (server is { HasExited: false })
        {
            _ = Kill(server.Id, 15); // SIGTERM: the app stops as it would in production
            if (!server.WaitForExit(10_000)) server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
        server?.Dispose();
    }

    /// <summary>The server's memory from /proc: resident (VmRSS), its anonymous (private) part, and the peak.</summary>
    internal record Memory(long RssKb, long AnonKb, long PeakKb)
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

    internal static TimeSpan CpuTime(int pid)
    {
        // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that closes the name.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(f[11]) + long.Parse(f[12])) / 100.0);
    }
}
