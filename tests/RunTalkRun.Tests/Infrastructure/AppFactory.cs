using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>The real app, in process, on a database of its own with the demo community seeded.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; }
    readonly Dictionary<string, string?> settings;

    public AppFactory() : this(Path.Combine(Path.GetTempPath(), "rtr-tests", Guid.NewGuid().ToString("N"))) { }

    AppFactory(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(DataDirectory);
        settings = TestDatabase.SettingsFor(DataDirectory);
        settings["Demo:Seed"] = "true";
        // Background mail and reminders only where a test asks for them (With("Jobs:Enabled", "true")).
        settings["Jobs:Enabled"] = "false";
    }

    /// <summary>A second instance of the app on the same database as <paramref name="other"/> (as behind a load balancer).</summary>
    public static AppFactory SharingDatabaseWith(AppFactory other)
    {
        var twin = new AppFactory(other.DataDirectory) { SharesDatabase = true };
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
    }

    public HttpClient Browser(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

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
