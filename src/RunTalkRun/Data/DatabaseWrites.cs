using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace RunTalkRun.Data;

/// <summary>
/// When the database can't take a write just now (another writer holds SQLite's lock, the file or the
/// server is read-only, PostgreSQL can't be reached): the API answers 503 problem details with Retry-After,
/// pages say so with the same status (Features/Shared/Error.cshtml), and /healthz reports it.
/// </summary>
public static class DatabaseWrites
{
    public const int RetryAfterSeconds = 60;
    public const string ProblemType = "urn:runtalkrun:problem:database-unavailable";
    public const string Title = "We can't save changes just now";
    public const string Detail = "We can't save changes just now: the database is busy or can't be written to. Nothing was changed. Please try again in a minute.";

    /// <summary>True when <paramref name="e"/> (or what it wraps) means "can't write now, try later", not a fault in the request or the code.</summary>
    public static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_BUSY (5), SQLITE_LOCKED (6), SQLITE_READONLY (8), SQLITE_CANTOPEN (14), SQLITE_FULL (13); extended codes keep the primary in the low byte.
                case SqliteException s when (s.SqliteErrorCode & 0xFF) is 5 or 6 or 8 or 13 or 14:
                    return true;
                // read_only_sql_transaction, a standby, the server starting or shutting down, too many connections, out of disk.
                case PostgresException p when p.SqlState is "25006" or "57P01" or "57P02" or "57P03" or "53300" or "53100" || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own: connection refused or lost, timeouts.
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or TimeoutException or IOException }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>For the API (and SignalR's negotiate): 503 problem details and Retry-After. Pages go on to /error, which says it in words.</summary>
    public sealed class Handler(IProblemDetailsService problems, ILogger<Handler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsUnavailable(exception)) return false;
            log.LogWarning(exception, "The database can't take writes just now: answered 503 for {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!http.Request.Path.StartsWithSegments("/api")) return false;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = 503, Type = ProblemType, Title = Title, Detail = Detail },
            });
        }
    }

    /// <summary>
    /// Degraded (reads still work) when a write can't be done now: on SQLite, takes the write lock for a moment
    /// (BEGIN IMMEDIATE with a 1-second wait, then ROLLBACK); on PostgreSQL, asks whether new transactions are read-only.
    /// </summary>
    public sealed class HealthCheck(AppDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (db.Database.IsSqlite())
                {
                    await db.Database.OpenConnectionAsync(cancellationToken);
                    try
                    {
                        // One statement a command: a PRAGMA answers a row, and the statements after it in the same command wouldn't run.
                        foreach (var sql in new[] { "PRAGMA busy_timeout = 1000", "BEGIN IMMEDIATE", "ROLLBACK" })
                        {
                            await using var command = db.Database.GetDbConnection().CreateCommand();
                            command.CommandTimeout = 1;
                            command.CommandText = sql;
                            await command.ExecuteNonQueryAsync(cancellationToken);
                        }
                    }
                    finally { await db.Database.CloseConnectionAsync(); }
                }
                else
                {
                    var readOnly = await db.Database.SqlQueryRaw<bool>("SELECT (current_setting('transaction_read_only') = 'on' OR pg_is_in_recovery()) AS \"Value\"")
                        .SingleAsync(cancellationToken);
                    if (readOnly) return HealthCheckResult.Degraded("The database is read-only: changes can't be saved.");
                }
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                return HealthCheckResult.Degraded("The database can't take writes just now.", e);
            }
        }
    }
}
