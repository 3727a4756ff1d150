using System.Data.Common;

namespace Exchange.Grains.Storage;

/// <summary>
/// Commands on one connection, created once per statement text and reused with new values, so that a connection that
/// stays open (SQLite's group-commit writer) prepares each statement once; SQLite otherwise parses and plans it again
/// on every execution. Parameters are positional: <c>@p0</c>, <c>@p1</c>, ….
/// </summary>
internal sealed class SqlStatements(DbConnection connection)
{
    private readonly Dictionary<string, DbCommand> _commands = [];

    public DbConnection Connection => connection;

    public async Task<int> ExecuteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        await Bind(transaction, sql, values).ExecuteNonQueryAsync(cancellationToken);

    public async Task<object?> ScalarAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        await Bind(transaction, sql, values).ExecuteScalarAsync(cancellationToken);

    public async Task<DbDataReader> ReaderAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        await Bind(transaction, sql, values).ExecuteReaderAsync(cancellationToken);

    private DbCommand Bind(DbTransaction? transaction, string sql, object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{i}";
                command.Parameters.Add(parameter);
            }
            _commands[sql] = command;
        }
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTimeOffset at => at.ToUniversalTime(),
                var value => value,
            };
        }
        return command;
    }
}
