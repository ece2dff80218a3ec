using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd, installed by scripts/setup.sh),
/// storing what it receives in a Maildir that the tests read.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    readonly Process process;
    public int Port { get; }
    public string MailDir { get; }

    SmtpSink(Process process, int port, string mailDir) { this.process = process; Port = port; MailDir = mailDir; }

    public static async Task<SmtpSink> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var parent = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rtr-smtp")).FullName;
        var dir = Path.Combine(parent, Guid.NewGuid().ToString("N")); // aiosmtpd creates the Maildir itself
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var psi = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", dir])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start aiosmtpd");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()} (run scripts/setup.sh to install python3-aiosmtpd)");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new SmtpSink(process, port, dir);
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        process.Kill();
        throw new TimeoutException("aiosmtpd did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        process.Dispose();
        try { Directory.Delete(MailDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
