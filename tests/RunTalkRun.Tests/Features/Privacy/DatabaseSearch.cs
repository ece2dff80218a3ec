using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>
/// Looks for strings anywhere in the app's database: every column of every row of every table, read as
/// text; and, on SQLite, the raw bytes of the database file (where deleted rows can linger in free pages).
/// </summary>
public static class DatabaseSearch
{
    /// <summary>Where each needle was found ("table: row" or "the SQLite file"); empty when it is nowhere.</summary>
    public static async Task<List<string>> FindAsync(AppFactory app, params string[] needles)
    {
        var found = new List<string>();
        await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var tables = await ColumnAsync(connection, TestDatabase.IsPostgres
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'");
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = TestDatabase.IsPostgres ? $"SELECT t::text FROM \"{table}\" t" : $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var row = string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i))));
                    foreach (var needle in needles.Where(n => row.Contains(n, StringComparison.OrdinalIgnoreCase)))
                        found.Add($"'{needle}' in {table}: {row}");
                }
            }
            return 0;
        });
        if (!TestDatabase.IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            var path = Path.Combine(app.DataDirectory, "runtalkrun.db");
            var bytes = await File.ReadAllBytesAsync(path);
            foreach (var needle in needles)
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle.ToUpperInvariant())) >= 0)
                    found.Add($"'{needle}' in the bytes of the SQLite file");
            foreach (var leftover in new[] { "-journal", "-wal" }.Select(s => path + s).Where(File.Exists))
                found.Add($"a leftover {leftover}");
        }
        return found;
    }

    /// <summary>How many rows each table has, as "table: n" lines: to show that something wrote nothing.</summary>
    public static Task<string> RowCountsAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await ColumnAsync(connection, TestDatabase.IsPostgres
            ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var counts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}: {await command.ExecuteScalarAsync()}");
        }
        return string.Join("\n", counts);
    });

    static async Task<List<string>> ColumnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
