namespace RunTalkRun.BrowserTests.Infrastructure;

/// <summary>
/// Which database the app runs on: SQLite by default, PostgreSQL when RTR_TEST_DATABASE=Postgres
/// (RTR_TEST_POSTGRES gives the server). The same rules as the fast tests' TestDatabase.
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
            settings["ConnectionStrings:Postgres"] = $"{PostgresServer};Database=rtr_browser_{Guid.NewGuid():N}";
        }
        return settings;
    }
}
