using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Every row of every table of the app's database as text: two snapshots are equal when nothing was written in between.</summary>
public static class DbSnapshot
{
    public static Task<string> TakeAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var text = new StringBuilder();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                    rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "(null)" : reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToHexString(bytes),
                        var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                    })));
                rows.Sort(StringComparer.Ordinal);
                text.Append("## ").Append(table).Append(' ').Append(rows.Count).Append('\n');
                foreach (var row in rows) text.Append(row).Append('\n');
            }
            return text.ToString();
        }
        finally { await db.Database.CloseConnectionAsync(); }
    });
}
