using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// The ledger: postings, lines, transfers and each account's running balance (with its fence). Rows rather than
/// grain blobs because they are queried (statements, recovery sweeps) and because a money step commits its posting,
/// balances, transfer row, audit entry and Idempotency-Key record atomically in one database transaction.
/// </summary>
public interface ILedgerStore
{
    Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default);

    Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default);

    /// <summary>The account's balances and fence version, read from its running snapshot: the same cost at any history length.</summary>
    Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default);

    Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default);

    /// <summary>Immediate transfers whose funds were reserved but never settled, last touched before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>An account's transfers, newest first (by creation time, then id), as <paramref name="query"/> asks.</summary>
    Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default);

    Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Totals by account class, summed over the accounts' running snapshots (not over the posting lines).</summary>
    Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The maintained trial balance beside the same totals recomputed from every posting line, from one consistent
    /// view of the ledger: an operator's check that the snapshots have not drifted. Costs a pass over the history.
    /// </summary>
    Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default);
}
