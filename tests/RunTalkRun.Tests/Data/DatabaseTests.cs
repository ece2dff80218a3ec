using NodaTime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Data;

public class DatabaseTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_migrations_match_the_model_and_all_are_applied()
    {
        await app.WithDbAsync(async db =>
        {
            Assert.False(db.Database.HasPendingModelChanges(), "The model has changed: add a migration for both providers.");
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(TestDatabase.IsPostgres ? typeof(PostgresAppDb) : typeof(SqliteAppDb), db.GetType());
            return 0;
        });
    }

    [Fact]
    public async Task Sqlite_connections_wait_for_another_writer_instead_of_failing_at_once()
    {
        if (TestDatabase.IsPostgres) return; // SQLite's setting; PostgreSQL has row locks
        var timeout = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        });
        // A few seconds: the chat benchmark's slowest write waited 62 ms; a longer wait ends in a 503 (DatabaseUnavailableTests).
        Assert.Equal(SqlitePragmas.BusyTimeoutSeconds * 1000, timeout);
        Assert.Equal(3000, timeout);
    }

    [Fact]
    public async Task The_demo_community_has_the_groups_and_accounts_the_readme_lists()
    {
        var (groups, users) = await app.WithDbAsync(async db => (await db.Groups.Select(g => g.Slug).ToListAsync(), await db.Users.Select(u => u.Email!).ToListAsync()));
        Assert.Equal(8, groups.Count);
        Assert.Contains(DemoCommunity.HqEmail, users);
        foreach (var slug in groups) Assert.Contains(DemoCommunity.LeaderEmail(slug), users);
        for (var n = 1; n <= 20; n++) Assert.Contains(DemoCommunity.MemberEmail(n), users);
        var zones = await app.WithDbAsync(db => db.Groups.Select(g => g.TimeZoneId).Distinct().ToListAsync());
        Assert.Equal(["America/Los_Angeles", "Australia/Brisbane", "Europe/London"], zones.Order());
    }

    [Fact]
    public async Task Every_demo_group_has_a_base_and_weekly_runs_scheduled_weeks_ahead()
    {
        var groups = await app.WithDbAsync(db => db.Groups.Include(g => g.MeetingPoints).ToListAsync());
        foreach (var g in groups)
        {
            Assert.Single(g.MeetingPoints, m => m.IsBase);
            var upcoming = await app.WithDbAsync(db => db.Runs.CountAsync(r => r.GroupId == g.Id && r.StartsAt > SystemClock.Instance.GetCurrentInstant() && !r.IsVirtual));
            Assert.InRange(upcoming, 7, 9);
        }
    }

    [Fact]
    public async Task Scheduling_again_creates_no_duplicate_runs()
    {
        var before = await app.WithDbAsync(db => db.Runs.CountAsync());
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<RunTalkRun.Features.Runs.RunScheduler>()
            .ScheduleAheadAsync(scope.ServiceProvider.GetRequiredService<AppDb>());
        Assert.Equal(0, created);
        Assert.Equal(before, await app.WithDbAsync(db => db.Runs.CountAsync()));
    }

    [Fact]
    public async Task Scheduling_tops_up_a_series_that_is_missing_its_later_runs()
    {
        var series = await app.WithDbAsync(db => db.RunSeries.FirstAsync(s => db.Groups.Any(g => g.Id == s.GroupId && g.Slug == "milton-keynes")));
        var nowUtc = SystemClock.Instance.GetCurrentInstant();
        var future = await app.WithDbAsync(db => db.Runs.Where(r => r.SeriesId == series.Id && r.StartsAt > nowUtc).OrderBy(r => r.StartsAt).Select(r => r.Id).ToListAsync());
        var dropped = future.Skip(2).ToList();
        await app.WithDbAsync(db => db.Runs.Where(r => dropped.Contains(r.Id)).ExecuteDeleteAsync());

        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<RunTalkRun.Features.Runs.RunScheduler>()
            .ScheduleAheadAsync(scope.ServiceProvider.GetRequiredService<AppDb>());
        Assert.Equal(dropped.Count, created);
        Assert.Equal(future.Count, await app.WithDbAsync(db => db.Runs.CountAsync(r => r.SeriesId == series.Id && r.StartsAt > nowUtc)));
    }

    [Fact]
    public async Task The_demo_community_is_not_seeded_in_production_unless_asked()
    {
        await using var production = new ProductionFactory();
        Assert.Equal(0, await production.WithDbAsync(db => db.Groups.CountAsync()));
        Assert.Equal(0, await production.WithDbAsync(db => db.Users.CountAsync()));
    }

    sealed class ProductionFactory : AppFactory
    {
        public ProductionFactory() => With("Demo:Seed", null);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
