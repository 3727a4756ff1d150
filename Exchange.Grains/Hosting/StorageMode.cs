namespace Exchange.Grains.Hosting;

public enum StorageMode
{
    /// <summary>Nothing survives the process: tests and in-process benchmarks.</summary>
    Memory = 0,

    /// <summary>The embedded default: one silo, grain state and ledger in local SQLite files.</summary>
    Sqlite = 1,

    /// <summary>Production: PostgreSQL for clustering, grain state, reminders and the ledger; many silos.</summary>
    PostgreSql = 2,
}
