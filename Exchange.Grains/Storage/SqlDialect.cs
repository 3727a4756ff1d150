using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Exchange.Grains.Storage;

/// <summary>What differs between the two databases the exchange runs on; the SQL itself is shared.</summary>
public sealed class SqlDialect
{
    private SqlDialect(string name, string schemaResource, string? perConnectionSql, bool serializeAccess, Func<Exception, bool> isUniqueViolation)
    {
        Name = name;
        SchemaScript = ReadResource(schemaResource);
        PerConnectionSql = perConnectionSql;
        SerializeAccess = serializeAccess;
        IsUniqueViolation = isUniqueViolation;
    }

    public static SqlDialect PostgreSql { get; } = new(
        "PostgreSQL",
        "exchange-postgresql.sql",
        perConnectionSql: null,
        serializeAccess: false,
        ex => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    /// <summary>
    /// SQLite: synchronous=FULL keeps every acknowledged commit across power loss; busy_timeout covers the WAL
    /// checkpoint. Access is serialized in-process because Microsoft.Data.Sqlite's async calls run synchronously
    /// and sleep-retry on a locked file, which stalls the thread pool under concurrency (orleans-notes.md).
    /// </summary>
    public static SqlDialect Sqlite { get; } = new(
        "SQLite",
        "exchange-sqlite.sql",
        perConnectionSql: "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;",
        serializeAccess: true,
        ex => ex is SqliteException { SqliteErrorCode: 19 });

    public string Name { get; }
    public string SchemaScript { get; }
    public string? PerConnectionSql { get; }
    public bool SerializeAccess { get; }
    public Func<Exception, bool> IsUniqueViolation { get; }

    public static DbDataSource CreateSqliteDataSource(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, Mode = SqliteOpenMode.ReadWriteCreate };
        return SqliteFactory.Instance.CreateDataSource(builder.ConnectionString);
    }

    internal static string ReadResource(string fileName)
    {
        var assembly = typeof(SqlDialect).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
