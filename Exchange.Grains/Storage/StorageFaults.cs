using System.Data.Common;
using System.Net.Sockets;
using Exchange.Grains.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Exchange.Grains.Storage;

/// <summary>
/// Tells a fault of the infrastructure (the database unreachable, shutting down, out of connections, timing out, a
/// lost connection; SQLite busy or out of disk) from any other exception, and names its cause. Only those are turned
/// into <see cref="StorageUnavailableException"/>: a constraint violation or a syntax error is a fault of the exchange,
/// and Orleans' <see cref="Orleans.Storage.InconsistentStateException"/> (a stale ETag) keeps its meaning.
/// </summary>
public static class StorageFaults
{
    /// <summary>The fault as the exchange's own exception, or null if <paramref name="exception"/> is not an infrastructure fault.</summary>
    public static StorageUnavailableException? Translate(Exception exception, string store)
    {
        if (Find(exception) is { } already)
        {
            return already;
        }
        if (CauseOf(exception) is not { } cause)
        {
            return null;
        }
        return new StorageUnavailableException(store, cause, $"The {store} store is unavailable ({cause}): {Describe(exception)}");
    }

    /// <summary>
    /// The exchange's own exception where it is <paramref name="exception"/> or inside it: Orleans wraps what grain
    /// storage throws in an <see cref="Orleans.Runtime.OrleansException"/> ("Error from storage provider …").
    /// </summary>
    public static StorageUnavailableException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>A short stable name for an infrastructure fault, or null for any other exception (looked for through inner exceptions).</summary>
    public static string? CauseOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Classify(e) is { } cause)
            {
                return cause;
            }
            if (e is Orleans.Storage.InconsistentStateException)
            {
                return null;
            }
        }
        return null;
    }

    private static string? Classify(Exception e) => e switch
    {
        PostgresException server => ServerCause(server),
        NpgsqlException { InnerException: TimeoutException } => "PostgreSQL timed out",
        NpgsqlException { InnerException: SocketException or IOException } => "PostgreSQL unreachable",
        // Npgsql's own client-side failures (no server error): a broken or refused connection, an exhausted pool.
        NpgsqlException { IsTransient: true } => "PostgreSQL unreachable",
        SqliteException sqlite => SqliteCause(sqlite.SqliteErrorCode),
        DbException { IsTransient: true } => "database unavailable",
        TimeoutException => "database timed out",
        SocketException => "database unreachable",
        _ => null,
    };

    /// <summary>Server errors that say the server, not the statement, is the problem (PostgreSQL's SQLSTATE classes).</summary>
    private static string? ServerCause(PostgresException e) => e.SqlState switch
    {
        var s when s.StartsWith("08", StringComparison.Ordinal) => "PostgreSQL connection lost",
        var s when s.StartsWith("53", StringComparison.Ordinal) => $"PostgreSQL out of resources ({s})",
        "57P01" or "57P02" or "57P03" => $"PostgreSQL shutting down or starting ({e.SqlState})",
        "57014" => "PostgreSQL statement cancelled or timed out",
        "40001" or "40P01" => $"PostgreSQL serialization conflict ({e.SqlState})",
        var s when s.StartsWith("58", StringComparison.Ordinal) => $"PostgreSQL system error ({s})",
        _ => null,
    };

    /// <summary>SQLite's primary result codes for a busy, locked, full or unreadable file (https://sqlite.org/rescode.html).</summary>
    private static string? SqliteCause(int code) => (code & 0xFF) switch
    {
        5 => "SQLite busy",
        6 => "SQLite locked",
        7 => "SQLite out of memory",
        10 => "SQLite I/O error",
        13 => "SQLite disk full",
        14 => "SQLite cannot open the file",
        _ => null,
    };

    /// <summary>The driver's message, with the inner one that usually names the address or the reason.</summary>
    private static string Describe(Exception e) =>
        e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
}
