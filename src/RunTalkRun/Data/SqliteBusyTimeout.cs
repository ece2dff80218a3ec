using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RunTalkRun.Data;

/// <summary>
/// SQLite allows one writer at a time. Without a busy timeout, a write that meets another gets SQLITE_BUSY
/// and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep; with one, SQLite itself retries within a
/// few milliseconds. The chat benchmark showed the difference in its slowest 1% (docs/performance.md).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    const string Pragma = "PRAGMA busy_timeout = 5000;";

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
