namespace RunTalkRun.Tests.Infrastructure;

/// <summary>
/// Which database the tests run on: SQLite by default, PostgreSQL when RTR_TEST_DATABASE=Postgres.
/// RTR_TEST_POSTGRES gives the server (default: Host=127.0.0.1;Username=postgres;Password=x).
/// Each app gets a database of its own, removed when the app is disposed.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("RTR_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("RTR_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=x";

    public static Dictionary<string, string?> SettingsFor(string dataDirectory)
    {
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = dataDirectory };
        if (IsPostgres)
        {
            settings["Database:Provider"] = "Postgres";
            // A pool well below the server's 100 connections: bursts in tests (100 RSVPs at once) queue for a connection.
            settings["ConnectionStrings:Postgres"] = $"{PostgresServer};Database=rtr_test_{Guid.NewGuid():N};Maximum Pool Size=30";
        }
        return settings;
    }
}
