using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Storage;

/// <summary>
/// The exchange's own tables beside Orleans' grain state: the ledger (postings, lines, transfers, account
/// fences), the audit trail and idempotency records. They are rows rather than grain blobs because they must be
/// queried (statements, recovery sweeps, audit per object) and because a money step must commit its posting,
/// transfer row and audit entry atomically in one database write.
/// </summary>
public interface IExchangeStore
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

    /// <summary>Appends an entry; an entry whose id is already stored is ignored, so retries append once.</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the record unless one exists for the same scope and key; returns whichever is stored.</summary>
    Task<IdempotencyRecord> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Marks a grain as one to wake at start-up where reminders do not survive a restart; or clears the mark.</summary>
    Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records a licence's filing deadline, or that it was filed.</summary>
    Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default);

    /// <summary>Licences not filed by their deadline, as of <paramref name="today"/>, oldest deadline first.</summary>
    Task<IReadOnlyList<(Guid LicenseId, DateOnly Deadline)>> ReadOverdueFilingsAsync(DateOnly today, int limit, CancellationToken cancellationToken = default);

    Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default);

    Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records a completed deal once, whatever the number of retries.</summary>
    Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default);

    /// <summary>Completed deals from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), optionally of one IPC subclass prefix.</summary>
    Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
