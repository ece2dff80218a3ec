using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RunTalkRun.Data;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// When the database can't take writes (SQLite: another connection holds the write lock; PostgreSQL: the database
/// is made read-only), a write answers 503 with Retry-After within seconds (problem details for the API, a page
/// that says so for people), /healthz says it is degraded, and once the database is back all is well again.
/// </summary>
public class DatabaseUnavailableTests : IAsyncLifetime
{
    readonly AppFactory app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_write_the_database_cant_take_answers_503_with_retry_after_and_health_says_so_until_it_can()
    {
        var email = await app.NewMemberAsync("Sam", groupSlug: "peterborough");
        var room = await app.GroupRoomAsync("peterborough");
        var api = await app.ApiClientAsync(email);
        var browser = await app.SignedInAsync(email);
        Assert.Equal("Healthy", await (await app.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
        var form = Pages.Parse(await (await browser.GetAsync($"/talk/{room}")).Content.ReadAsStringAsync());
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await using (await BlockWritesAsync())
        {
            var clock = Stopwatch.StartNew();
            var sent = await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "Anyone for Thursday?" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the API waited {clock.Elapsed} before answering");
            Assert.Equal(TimeSpan.FromSeconds(60), sent.Headers.RetryAfter?.Delta);
            var problem = await sent.ProblemAsync();
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Equal(DatabaseWrites.ProblemType, problem.GetProperty("type").GetString());
            Assert.Contains("try again in a minute", problem.GetProperty("detail").GetString());

            clock.Restart();
            var posted = await browser.PostAsync($"/talk/{room}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Text"] = "Anyone for Thursday?",
            }));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the page waited {clock.Elapsed} before answering");
            Assert.NotNull(posted.Headers.RetryAfter);
            var page = Pages.Parse(await posted.Content.ReadAsStringAsync());
            Assert.Equal("We can't save changes just now", page.Text("h1"));
            Assert.Contains("try again in a minute", page.Text("main"));

            var health = await app.CreateClient().GetAsync("/healthz");
            Assert.NotEqual("Healthy", await health.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/rooms/{room}/messages", new { text = "Anyone for Thursday?" })).StatusCode);
        Assert.Equal("Healthy", await (await app.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync());
        Assert.Single(await app.MessagesAsync(room), m => m.Text == "Anyone for Thursday?");
    }

    /// <summary>Stops the app's writes until disposed: SQLite's write lock held by another connection, or PostgreSQL's database made read-only.</summary>
    async Task<IAsyncDisposable> BlockWritesAsync()
    {
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        if (!TestDatabase.IsPostgres)
        {
            var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            await using (var begin = sqlite.CreateCommand()) { begin.CommandText = "BEGIN IMMEDIATE;"; await begin.ExecuteNonQueryAsync(); }
            return new Releaser(async () =>
            {
                await using (var rollback = sqlite.CreateCommand()) { rollback.CommandText = "ROLLBACK;"; await rollback.ExecuteNonQueryAsync(); }
                await sqlite.DisposeAsync();
            });
        }
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await SetReadOnlyAsync(database, true);
        return new Releaser(() => SetReadOnlyAsync(database, false));
    }

    /// <summary>default_transaction_read_only for the test's database, from the maintenance database; new connections see it.</summary>
    static async Task SetReadOnlyAsync(string database, bool readOnly)
    {
        await using (var admin = new NpgsqlConnection($"{TestDatabase.PostgresServer};Database=postgres;Pooling=false"))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")}";
            await command.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
    }

    sealed class Releaser(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
