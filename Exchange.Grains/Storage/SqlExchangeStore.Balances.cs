using System.Data.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>The ledger's reads from the running balance snapshots, and their verification against the lines.</summary>
public sealed partial class SqlExchangeStore
{
    public async Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        // One statement over the account's few snapshot rows: balances and fence version from one consistent read.
        await using var command = Command(lease.Connection, null,
            "SELECT COALESCE(SUM(available_fen), 0), COALESCE(SUM(reserved_fen), 0), COALESCE(MAX(version), 0) FROM exchange_account_balances WHERE account_id = @account_id");
        Add(command, "account_id", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AccountBalances(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
    }

    public async Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        // Summed by account class in the database, so a read returns three rows however many accounts there are.
        await using var command = Command(lease.Connection, null,
            "SELECT CASE WHEN account_id IN (@external, @escrow) THEN account_id ELSE '' END, SUM(available_fen), SUM(reserved_fen), SUM(version) " +
            "FROM exchange_account_balances GROUP BY 1");
        Add(command, "external", AccountId.External);
        Add(command, "escrow", AccountId.PlatformEscrow);
        var (totals, postings) = await ReadTotalsAsync(command, cancellationToken);
        return totals.ToTrialBalance(postings);
    }

    public async Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        // Both views from one snapshot of the database, so that commits landing meanwhile cannot look like drift.
        await using var transaction = _dialect == SqlDialect.PostgreSql
            ? await lease.Connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            : await lease.Connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var (snapshots, versions) = await ReadSnapshotTotalsAsync(lease.Connection, transaction, cancellationToken);
        var lines = new TrialBalanceAccumulator();
        await using (var command = Command(lease.Connection, transaction, "SELECT account_id, bucket, SUM(amount_fen) FROM exchange_posting_lines GROUP BY account_id, bucket"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0), (Bucket)Convert.ToInt16(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
            }
        }
        await using var count = Command(lease.Connection, transaction, "SELECT COUNT(*) FROM exchange_postings");
        var postings = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new TrialBalanceVerification(snapshots.ToTrialBalance(versions), lines.ToTrialBalance(postings), TrialBalanceAccumulator.Compare(snapshots, lines));
    }

    /// <summary>
    /// Every account's snapshot (summed over its shards) and the number of postings, which is the sum of the fence
    /// versions: each posting advances exactly one account's version by one. A pass over the accounts, not the history.
    /// </summary>
    private static async Task<(TrialBalanceAccumulator Totals, long Postings)> ReadSnapshotTotalsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT account_id, SUM(available_fen), SUM(reserved_fen), SUM(version) FROM exchange_account_balances GROUP BY account_id");
        return await ReadTotalsAsync(command, cancellationToken);
    }

    /// <summary>Rows of (account or class, available, reserved, versions) into totals and the posting count.</summary>
    private static async Task<(TrialBalanceAccumulator Totals, long Postings)> ReadTotalsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var totals = new TrialBalanceAccumulator();
        long postings = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2)));
            postings += Convert.ToInt64(reader.GetValue(3));
        }
        return (totals, postings);
    }
}
