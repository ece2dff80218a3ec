using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunTalkRun.Data;

/// <summary>
/// Set on every SQLite connection as it opens.
/// <para>busy_timeout: SQLite allows one writer at a time. Without a busy timeout, a write that meets another
/// gets SQLITE_BUSY and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep; with one, SQLite itself
/// retries within a few milliseconds. The chat benchmark showed the difference in its slowest 1% (docs/performance.md).</para>
/// <para>secure_delete: what is deleted or overwritten is zeroed in the file, not just marked free, so an erased
/// account's email, nickname and messages can't be read back from the database file (tested).</para>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    const string Pragma = "PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
