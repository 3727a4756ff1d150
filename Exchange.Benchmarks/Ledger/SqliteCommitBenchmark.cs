using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Exchange.Benchmarks.Ledger;

/// <summary>
/// SQLite's own ceiling on this disk, the embedded default's counterpart of pgbench: one writer committing one
/// single-row INSERT per transaction, WAL journal, synchronous=FULL (every commit flushed), as the exchange's file is.
/// </summary>
public static class SqliteCommitBenchmark
{
    public static void Run(string directory, int seconds)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "sqlite-commit-bench.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE bench_commit (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);";
            setup.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO bench_commit (v) VALUES (1)";
        insert.Prepare();
        var until = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var wall = Stopwatch.StartNew();
        var commits = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            insert.ExecuteNonQuery();
            commits++;
        }
        Console.WriteLine($"SQLite single-row commits (WAL, synchronous=FULL, one writer, {path}): {commits} in {wall.Elapsed.TotalSeconds:F1} s = {commits / wall.Elapsed.TotalSeconds:F0} per second");
        connection.Close();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
