using System.Diagnostics;
using Exchange.Grains.Hosting;
using Exchange.Grains.Storage;
using Npgsql;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL for the tests: the server the test script started (EXCHANGE_TEST_PG), or one this
/// fixture starts with deploy/start-postgres.sh. Each fixture gets a fresh database with the full schema, so
/// test classes never see each other's rows. These tests never skip: without PostgreSQL they fail.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim ServerStart = new(1, 1);
    private static string? _serverConnectionString;

    public string ConnectionString { get; private set; } = "";

    public string DatabaseName { get; } = "exchange_test_" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(await ServerAsync());
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Username = "postgres", Password = null, Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName} OWNER {server.Username}", connection);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = DatabaseName, MaxPoolSize = 64 }.ConnectionString;
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var script in Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, "deploy", "sql", "postgresql"), "*.sql").Order())
            {
                await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(script), connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        await using var store = ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(ConnectionString);
    }

    public SqlExchangeStore CreateStore() => ExchangeSiloBuilderExtensions.CreatePostgreSqlStore(ConnectionString);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(await ServerAsync()) { Database = "postgres", Username = "postgres", Password = null, Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerAsync()
    {
        await ServerStart.WaitAsync();
        try
        {
            return _serverConnectionString ??= Environment.GetEnvironmentVariable("EXCHANGE_TEST_PG") is { Length: > 0 } fromScript
                ? fromScript
                : await StartServerAsync();
        }
        finally
        {
            ServerStart.Release();
        }
    }

    private static async Task<string> StartServerAsync()
    {
        var start = new ProcessStartInfo("bash", [System.IO.Path.Combine(RepositoryRoot.Path, "deploy", "start-postgres.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPORT"] = "55433" },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/start-postgres.sh failed ({process.ExitCode}): {errors}");
        }
        return output.Trim().Split('\n')[^1];
    }
}
