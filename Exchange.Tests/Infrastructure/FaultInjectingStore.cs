using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;
using Exchange.Grains.Storage;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// The in-memory store with faults a test can arm on its writes: a transient database error after a grain's state
/// was written, the situation the follow-up mechanism exists for. Reads pass straight through.
/// </summary>
public sealed class FaultInjectingStore(IExchangeStore inner, Faults faults) : IExchangeStore
{
    public const string Audit = "audit";
    public const string ListingIndex = "listing-index";
    public const string Filing = "filing";
    public const string Deal = "deal";
    public const string Ledger = "ledger";
    public const string Directory = "directory";

    public Task UpsertDirectoryEntryAsync(Exchange.Grains.Lists.DirectoryEntry entry, CancellationToken cancellationToken = default)
    {
        faults.Check(Directory, $"{entry.Kind}:{entry.ObjectId}");
        return inner.UpsertDirectoryEntryAsync(entry, cancellationToken);
    }

    public Task<Exchange.Grains.Lists.DirectoryPage> ListDirectoryAsync(Exchange.Grains.Lists.DirectoryQuery query, CancellationToken cancellationToken = default) =>
        inner.ListDirectoryAsync(query, cancellationToken);

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        faults.Check(Audit, entry.EntryId);
        return inner.AppendAuditAsync(entry, cancellationToken);
    }

    public Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default)
    {
        faults.Check(ListingIndex, entry.ListingId.ToString("N"));
        return inner.UpsertListingIndexAsync(entry, cancellationToken);
    }

    public Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default)
    {
        faults.Check(Filing, licenseId.ToString("N"));
        return inner.SetFilingAsync(licenseId, deadline, filedOn, cancellationToken);
    }

    public Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default)
    {
        faults.Check(Deal, deal.DealId.ToString("N"));
        return inner.RecordDealAsync(deal, cancellationToken);
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default)
    {
        faults.Check(Ledger, commit.Posting.PostingId);
        return faults.HeldUntil(Ledger, commit.Posting.PostingId) is { } hold ? HeldCommitAsync(hold, commit, cancellationToken) : inner.CommitAsync(commit, cancellationToken);
    }

    private async Task<CommitOutcome> HeldCommitAsync(Task hold, LedgerCommit commit, CancellationToken cancellationToken)
    {
        await hold;
        return await inner.CommitAsync(commit, cancellationToken);
    }

    public Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default) => inner.PostingExistsAsync(postingId, cancellationToken);
    public Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default) => inner.LoadBalancesAsync(accountId, cancellationToken);
    public Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default) => inner.LoadReservationsAsync(payerAccount, cancellationToken);
    public Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default) => inner.LoadTransferAsync(transferId, cancellationToken);
    public Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) => inner.FindStalledTransfersAsync(before, limit, cancellationToken);
    public Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default) => inner.ReadStatementAsync(accountId, afterSequence, limit, cancellationToken);
    public Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.ComputeTrialBalanceAsync(cancellationToken);
    public Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default) => inner.ListTransfersAsync(query, cancellationToken);
    public Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.VerifyTrialBalanceAsync(cancellationToken);
    public Task<int> PurgeIdempotencyRecordsAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default) => inner.PurgeIdempotencyRecordsAsync(createdBefore, limit, cancellationToken);
    public Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default) => inner.ReadAuditAsync(objectId, afterSequence, limit, cancellationToken);
    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default) => inner.FindIdempotencyRecordAsync(scope, key, cancellationToken);
    public Task<IdempotencySave> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default) => inner.SaveIdempotencyRecordAsync(record, cancellationToken);
    public Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default) => inner.SearchListingsAsync(query, cancellationToken);
    public Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => inner.ReadDealsAsync(ipcPrefix, from, to, cancellationToken);
    public Task<IReadOnlyList<OverdueFiling>> ReadOverdueFilingsAsync(DateOnly today, OverdueFiling? after, int limit, CancellationToken cancellationToken = default) => inner.ReadOverdueFilingsAsync(today, after, limit, cancellationToken);
    public Task ArchiveOfferAsync(ArchivedOffer offer, CancellationToken cancellationToken = default) => inner.ArchiveOfferAsync(offer, cancellationToken);
    public Task<ArchivedOfferPage> ReadArchivedOffersAsync(Guid listingId, long afterSequence, int limit, CancellationToken cancellationToken = default) => inner.ReadArchivedOffersAsync(listingId, afterSequence, limit, cancellationToken);
    public Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default) => inner.SetWakeupAsync(grainKind, grainKey, wake, cancellationToken);
    public Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default) => inner.ReadWakeupsAsync(grainKind, afterKey, limit, cancellationToken);
    public Task<IReadOnlyList<string>> ReadUnfinishedFollowUpOwnersAsync(string serviceId, TimeSpan quietFor, string afterOwner, int limit, CancellationToken cancellationToken = default) => inner.ReadUnfinishedFollowUpOwnersAsync(serviceId, quietFor, afterOwner, limit, cancellationToken);
}
