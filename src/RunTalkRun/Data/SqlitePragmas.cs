using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunTalkRun.Data;

/// <summary>
/// Set on every SQLite connection as it opens.
/// <para>busy_timeout: SQLite allows one writer at a time. Without a busy timeout, a write that meets another
/// gets SQLITE_BUSY and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep; with one, SQLite itself
/// retries within a few milliseconds. The chat benchmark showed the difference in its slowest 1% (docs/performance.md).
/// Its slowest write waited 62 ms, so 3 seconds keeps that behaviour; a longer wait (a held lock, a read-only file)
/// ends in a 503 "try again in a minute" after about 3 seconds, not a 500 after 30 (the command timeout is the same).</para>
/// <para>secure_delete: what is deleted or overwritten is zeroed in the file, not just marked free, so an erased
/// account's email, nickname and messages can't be read back from the database file (tested).</para>
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutSeconds = 3;
    const string Pragma = "PRAGMA busy_timeout = 3000; PRAGMA secure_delete = ON;";

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
