using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RunTalkRun.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// SQLite at ./data/runtalkrun.db unless Database:Provider is Postgres, in which case
    /// ConnectionStrings:Postgres is used. AppDb resolves to the provider's own subclass so that
    /// each provider keeps its own migrations.
    /// </summary>
    public static IServiceCollection AddAppDb(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<Features.Groups.GroupDirectory>();
        services.AddSingleton<Features.Groups.DirectoryInvalidator>();
        if (IsPostgres(config))
        {
            var cs = config.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            services.AddDbContext<AppDb, PostgresAppDb>((sp, o) => o.UseNpgsql(cs).AddInterceptors(sp.GetRequiredService<Features.Groups.DirectoryInvalidator>()));
        }
        else
        {
            var cs = config.GetConnectionString("Sqlite") ?? $"Data Source={DefaultSqlitePath(config)}";
            // A write waits for another at most SqlitePragmas.BusyTimeoutSeconds: Microsoft.Data.Sqlite retries a busy
            // database until the command timeout (30 s by default), so the two are set alike.
            services.AddDbContext<AppDb, SqliteAppDb>((sp, o) => o.UseSqlite(cs, x => x.CommandTimeout(SqlitePragmas.BusyTimeoutSeconds)).AddInterceptors(sp.GetRequiredService<Features.Groups.DirectoryInvalidator>(), Pragmas));
        }
        return services;
    }

    static readonly SqlitePragmas Pragmas = new();

    public static bool IsPostgres(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string DataDirectory(IConfiguration config) =>
        Path.GetFullPath(config["Data:Directory"] ?? "data");

    internal static string DefaultSqlitePath(IConfiguration config)
    {
        var dir = DataDirectory(config);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "runtalkrun.db");
    }

    /// <summary>Creates or upgrades the database, then seeds the demo community if asked and empty.</summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Database.MigrateAsync();
        var seed = app.Configuration.GetValue<bool?>("Demo:Seed") ?? app.Environment.IsDevelopment();
        if (seed) await DemoCommunity.SeedIfEmptyAsync(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<Features.Runs.RunScheduler>().ScheduleAheadAsync(db);
    }
}

/// <summary>
/// Lets `dotnet ef` build each provider's context without starting the app, on the same database
/// the app would use from the current folder and environment (ConnectionStrings__Sqlite,
/// Data__Directory, ConnectionStrings__Postgres).
/// </summary>
public class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var cs = config.GetConnectionString("Sqlite") ?? $"Data Source={DatabaseSetup.DefaultSqlitePath(config)}";
        return new(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(cs).Options);
    }
}

public class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var cs = config.GetConnectionString("Postgres") ?? "Host=127.0.0.1;Database=runtalkrun;Username=postgres";
        return new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(cs).Options);
    }
}
