using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using RunTalkRun.Data;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>The real app, in process, on a database of its own with the demo community seeded.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; }
    readonly Dictionary<string, string?> settings;

    /// <summary>
    /// The app's clock: it starts at the real time and moves on a millisecond each time it is read (so things
    /// that happen one after another get distinct times, in order). A test moves it on to let time pass
    /// (<c>app.Clock.Advance(...)</c>) instead of editing rows or sleeping. Apps on one database share it.
    /// </summary>
    public FakeClock Clock { get; }

    public AppFactory() : this(Path.Combine(Path.GetTempPath(), "rtr-tests", Guid.NewGuid().ToString("N")),
        new FakeClock(SystemClock.Instance.GetCurrentInstant(), Duration.FromMilliseconds(1))) { }

    AppFactory(string dataDirectory, FakeClock clock)
    {
        DataDirectory = dataDirectory;
        Clock = clock;
        Directory.CreateDirectory(DataDirectory);
        settings = TestDatabase.SettingsFor(DataDirectory);
        settings["Demo:Seed"] = "true";
        // Background mail and reminders only where a test asks for them (With("Jobs:Enabled", "true")).
        settings["Jobs:Enabled"] = "false";
        // Every test signs in from the same address: the rate limits are tried by tests of their own (With(...)).
        foreach (var policy in new[] { "SignIn", "TwoFactor", "SignUp", "PasswordReset" })
            settings[$"RateLimits:{policy}:PermitLimit"] = "100000";
        // The cookies are Secure, as in production: the clients talk https (the test server answers either).
        ClientOptions.BaseAddress = new Uri("https://localhost");
        // Outside Development the app needs its public address; links in mail are built from it.
        settings["Site:BaseUrl"] = "https://localhost";
        // A public-looking name is served too, for what only a real host gets (HSTS leaves localhost out).
        settings["AllowedHosts"] = "runs.example.org";
    }

    /// <summary>A second instance of the app on the same database as <paramref name="other"/> (as behind a load balancer).</summary>
    public static AppFactory SharingDatabaseWith(AppFactory other)
    {
        var twin = new AppFactory(other.DataDirectory, other.Clock) { SharesDatabase = true };
        foreach (var key in new[] { "Database:Provider", "ConnectionStrings:Postgres" })
            if (other.settings.TryGetValue(key, out var value)) twin.settings[key] = value;
        return twin;
    }

    /// <summary>Another app owns the database: leave it in place when this one is disposed.</summary>
    bool SharesDatabase { get; set; }

    /// <summary>Extra settings, e.g. Smtp:Host, applied before the app starts.</summary>
    public AppFactory With(string key, string? value) { settings[key] = value; return this; }

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program.cs reads these while building the host.
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, TestPeer>());
        builder.ConfigureTestServices(s => s.AddSingleton<IClock>(Clock));
    }

    /// <summary>The header a test sets to say which address a request comes from (the in-process server has none).</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>
    /// Requests come from loopback, as from a proxy on the same machine, unless a test names another
    /// address in <see cref="PeerHeader"/>; the app's forwarded-headers and rate-limit code then sees it.
    /// </summary>
    sealed class TestPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                ctx.Connection.RemoteIpAddress = IPAddress.TryParse(ctx.Request.Headers[PeerHeader].ToString(), out var peer) ? peer : IPAddress.Loopback;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }

    public HttpClient Browser(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        if (TestDatabase.IsPostgres && !SharesDatabase)
        {
            try { await WithDbAsync(async db => await db.Database.EnsureDeletedAsync()); } catch { /* best effort */ }
        }
        await base.DisposeAsync();
        if (!SharesDatabase) try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
