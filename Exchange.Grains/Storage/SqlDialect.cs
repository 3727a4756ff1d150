using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Exchange.Grains.Storage;

/// <summary>What differs between the two databases the exchange runs on; the SQL itself is shared.</summary>
public sealed class SqlDialect
{
    private SqlDialect(string name, string schemaResource, Func<Exception, bool> isUniqueViolation)
    {
        Name = name;
        SchemaScript = ReadResource(schemaResource);
        IsUniqueViolation = isUniqueViolation;
    }

    public static SqlDialect PostgreSql { get; } = new(
        "PostgreSQL",
        "exchange-postgresql.sql",
        ex => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    /// <summary>SQLite, through a <see cref="SqliteFile"/> (which sets the connection pragmas and admits one connection at a time).</summary>
    public static SqlDialect Sqlite { get; } = new(
        "SQLite",
        "exchange-sqlite.sql",
        ex => ex is SqliteException { SqliteErrorCode: 19 });

    public string Name { get; }
    public string SchemaScript { get; }
    public Func<Exception, bool> IsUniqueViolation { get; }

    internal static string ReadResource(string fileName)
    {
        var assembly = typeof(SqlDialect).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
