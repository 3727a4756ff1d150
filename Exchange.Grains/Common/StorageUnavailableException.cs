namespace Exchange.Grains.Common;

/// <summary>
/// A store the exchange depends on (its database, grain storage) could not be reached or did not answer in time. A
/// fault of the infrastructure, not of the request: nothing acknowledged is lost, and the command is safe to retry
/// with the same Idempotency-Key (its ids derive from the key, so it is applied at most once). The API answers 503.
/// <para>
/// It crosses the grain boundary in place of the database driver's exception, which Orleans cannot serialize
/// (NpgsqlException, SqliteException), and carries no inner exception for the same reason: the driver's text is in
/// <see cref="Exception.Message"/> and in the silo's log.
/// </para>
/// </summary>
[GenerateSerializer]
[Alias("exchange.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string store, string cause, string message) : base(message)
    {
        Store = store;
        Cause = cause;
    }

    /// <summary>Which store failed: <c>ledger</c>, <c>audit</c>, <c>idempotency</c>, <c>projections</c>, <c>directory</c>, <c>deadlines</c>, <c>grain state</c>.</summary>
    [Id(0)]
    public string Store { get; }

    /// <summary>A short, stable name of the cause ("PostgreSQL unreachable", "SQLite busy"), the same for every request an outage meets.</summary>
    [Id(1)]
    public string Cause { get; }
}

/// <summary>
/// A fault of the exchange whose exception Orleans could not have carried to the caller (its type has no codec): the
/// type's name and message in a form that crosses the grain boundary. The original is logged at the silo. A 500.
/// </summary>
[GenerateSerializer]
[Alias("exchange.internal-fault")]
public sealed class InternalFaultException : Exception
{
    public InternalFaultException(string originalType, string message) : base(message)
    {
        OriginalType = originalType;
    }

    [Id(0)]
    public string OriginalType { get; }
}
