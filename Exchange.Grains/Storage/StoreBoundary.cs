using System.Collections.Concurrent;
using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Lists;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Storage;

/// <summary>
/// The edge between the exchange and its store: every call of every concern (ledger, audit, idempotency, projections,
/// directory, deadlines) passes through here, and a fault of the infrastructure leaves it as the exchange's own
/// <see cref="StorageUnavailableException"/>, never as the driver's exception (which Orleans cannot carry across the
/// grain boundary). Each cause is logged once per outage (<see cref="OutageLog"/>); a call that succeeds again
/// afterwards closes it. Other exceptions (a unique violation the store handles itself never gets here) pass unchanged.
/// </summary>
public sealed class StoreBoundary(IExchangeStore inner, OutageLog outages) : IExchangeStore, IAsyncDisposable
{
    public const string Ledger = "ledger";
    public const string Audit = "audit";
    public const string Idempotency = "idempotency";
    public const string Projections = "projections";
    public const string Directory = "directory";
    public const string Deadlines = "deadlines";

    private readonly ConcurrentDictionary<string, byte> _reported = new();

    public IExchangeStore Inner => inner;

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.CommitAsync(commit, cancellationToken));
    public Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.PostingExistsAsync(postingId, cancellationToken));
    public Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.LoadBalancesAsync(accountId, cancellationToken));
    public Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.LoadReservationsAsync(payerAccount, cancellationToken));
    public Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.LoadTransferAsync(transferId, cancellationToken));
    public Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.FindStalledTransfersAsync(before, limit, cancellationToken));
    public Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.ListTransfersAsync(query, cancellationToken));
    public Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.VerifyTrialBalanceAsync(cancellationToken));
    public Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.ReadStatementAsync(accountId, afterSequence, limit, cancellationToken));
    public Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default) => Guard(Ledger, () => inner.ComputeTrialBalanceAsync(cancellationToken));

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default) => Guard(Audit, () => inner.AppendAuditAsync(entry, cancellationToken));
    public Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default) => Guard(Audit, () => inner.ReadAuditAsync(objectId, afterSequence, limit, cancellationToken));

    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default) => Guard(Idempotency, () => inner.FindIdempotencyRecordAsync(scope, key, cancellationToken));
    public Task<IdempotencySave> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) => Guard(Idempotency, () => inner.SaveIdempotencyRecordAsync(record, cancellationToken));
    public Task<int> PurgeIdempotencyRecordsAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default) => Guard(Idempotency, () => inner.PurgeIdempotencyRecordsAsync(createdBefore, limit, cancellationToken));

    public Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.UpsertListingIndexAsync(entry, cancellationToken));
    public Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.SearchListingsAsync(query, cancellationToken));
    public Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.RecordDealAsync(deal, cancellationToken));
    public Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.ReadDealsAsync(ipcPrefix, from, to, cancellationToken));
    public Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.SetFilingAsync(licenseId, deadline, filedOn, cancellationToken));
    public Task<IReadOnlyList<OverdueFiling>> ReadOverdueFilingsAsync(DateOnly today, OverdueFiling? after, int limit, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.ReadOverdueFilingsAsync(today, after, limit, cancellationToken));
    public Task ArchiveOfferAsync(ArchivedOffer offer, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.ArchiveOfferAsync(offer, cancellationToken));
    public Task<ArchivedOfferPage> ReadArchivedOffersAsync(Guid listingId, long afterSequence, int limit, CancellationToken cancellationToken = default) => Guard(Projections, () => inner.ReadArchivedOffersAsync(listingId, afterSequence, limit, cancellationToken));

    public Task UpsertDirectoryEntryAsync(DirectoryEntry entry, CancellationToken cancellationToken = default) => Guard(Directory, () => inner.UpsertDirectoryEntryAsync(entry, cancellationToken));
    public Task<DirectoryPage> ListDirectoryAsync(DirectoryQuery query, CancellationToken cancellationToken = default) => Guard(Directory, () => inner.ListDirectoryAsync(query, cancellationToken));

    public Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default) => Guard(Deadlines, () => inner.SetWakeupAsync(grainKind, grainKey, wake, cancellationToken));
    public Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default) => Guard(Deadlines, () => inner.ReadWakeupsAsync(grainKind, afterKey, limit, cancellationToken));
    public Task<IReadOnlyList<string>> ReadUnfinishedFollowUpOwnersAsync(string serviceId, TimeSpan quietFor, string afterOwner, int limit, CancellationToken cancellationToken = default) => Guard(Deadlines, () => inner.ReadUnfinishedFollowUpOwnersAsync(serviceId, quietFor, afterOwner, limit, cancellationToken));

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private async Task Guard(string store, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (Translate(e, store) is { } fault)
        {
            throw fault;
        }
        Succeeded();
    }

    private async Task<T> Guard<T>(string store, Func<Task<T>> call)
    {
        T result;
        try
        {
            result = await call();
        }
        catch (Exception e) when (Translate(e, store) is { } fault)
        {
            throw fault;
        }
        Succeeded();
        return result;
    }

    private StorageUnavailableException? Translate(Exception e, string store)
    {
        if (StorageFaults.Translate(e, store) is not { } fault)
        {
            return null;
        }
        _reported.TryAdd(fault.Cause, 0);
        outages.Report(fault.Cause, fault.Message);
        return fault;
    }

    private void Succeeded()
    {
        if (!outages.AnyOpen || _reported.IsEmpty)
        {
            return;
        }
        foreach (var cause in _reported.Keys)
        {
            if (outages.Cleared(cause))
            {
                _reported.TryRemove(cause, out _);
            }
        }
    }
}
