using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Exchange.Tests.Ledger;

namespace Exchange.Tests.PostgreSql;

public sealed class PostgreSqlExchangeStoreTests(PostgresFixture postgres) : ExchangeStoreContract, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private SqlExchangeStore _store = null!;

    protected override IExchangeStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = postgres.CreateStore();
        // The schema is safe to re-run.
        await _store.EnsureSchemaAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
