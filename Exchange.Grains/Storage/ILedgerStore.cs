using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// The ledger: postings, lines, transfers and account fences. Rows rather than grain blobs because they are
/// queried (statements, recovery sweeps) and because a money step commits its posting, transfer row and audit
/// entry atomically in one database transaction.
/// </summary>
public interface ILedgerStore
{
    Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default);

    Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default);

    Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default);

    Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default);

    /// <summary>Immediate transfers whose funds were reserved but never settled, last touched before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default);
}
