using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;

namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>The real app on a real Kestrel port, on a database of its own with the demo community seeded.</summary>
public sealed class RealPortApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "rtr-browser-tests", Guid.NewGuid().ToString("N"));
    readonly Dictionary<string, string?> settings;

    public RealPortApp()
    {
        Directory.CreateDirectory(DataDirectory);
        settings = TestDatabase.SettingsFor(DataDirectory);
        settings["Demo:Seed"] = "true";
        // The journeys sign in and up from one address, faster than a person would: the limits are tested in RunTalkRun.Tests.
        foreach (var policy in new[] { "SignIn", "TwoFactor", "SignUp", "PasswordReset" })
            settings[$"RateLimits:{policy}:PermitLimit"] = "100000";
        // HTTPS, as in production: the cookies are Secure, and antiforgery won't issue its cookie over plain http.
        // A free port chosen first, so that the app's public address (the links in its mail) is known before it starts.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        settings["Site:BaseUrl"] = $"https://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(SelfSignedCertificate())));
    }

    /// <summary>A throw-away certificate for 127.0.0.1 and localhost (the browser is told to accept it).</summary>
    static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>Extra settings, e.g. Smtp:Host or Jobs:Enabled, applied when the app starts (call before <see cref="Start"/>).</summary>
    public RealPortApp With(string key, string? value) { settings[key] = value; return this; }

    /// <summary>Starts Kestrel and answers where it listens, like https://127.0.0.1:40123.</summary>
    public Uri Start()
    {
        StartServer();
        using (var scope = Services.CreateScope())
        {
            // A guard: the tests must never write into a real database.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>().Database.GetConnectionString() ?? "";
            if (!db.Contains(TestDatabase.IsPostgres ? "Database=rtr_browser_" : DataDirectory, StringComparison.Ordinal))
                throw new InvalidOperationException($"The app is not on the test's own database: {db}");
        }
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program.cs reads these while building the host.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            try
            {
                using var scope = Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AppDb>().Database.EnsureDeletedAsync();
            }
            catch { /* best effort */ }
        }
        await base.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
