using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Storage;

/// <summary>
/// The store for tests and in-process benchmarks: the same contract as the SQL store, held in memory behind
/// one lock so each commit is as atomic as a database transaction.
/// </summary>
public sealed partial class InMemoryExchangeStore : IExchangeStore
{
    private readonly List<(long Sequence, ArchivedOffer Offer)> _archivedOffers = [];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TransferAuditTrail.Step> _postings = [];
    private readonly List<(long Sequence, Posting Posting, PostingLine Line, DateTimeOffset At)> _lines = [];
    private readonly Dictionary<string, AccountBalances> _balances = [];
    private readonly Dictionary<Guid, TransferRecord> _transfers = [];
    private readonly List<(long Sequence, AuditEntry Entry)> _audit = [];
    private readonly HashSet<string> _auditIds = [];
    private readonly Dictionary<(string, string), IdempotencyRecord> _idempotency = [];
    private readonly Dictionary<Guid, ListingIndexEntry> _listings = [];
    private readonly Dictionary<Guid, DealRecord> _deals = [];
    private readonly HashSet<(string Kind, string Key)> _wakeups = [];
    private readonly Dictionary<Guid, (DateOnly Deadline, DateOnly? FiledOn)> _filings = [];
    private long _sequence;

    public Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_postings.ContainsKey(postingId));
        }
    }

    public Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<TransferRecord> open = _transfers.Values
                .Where(t => t.PayerAccount == payerAccount && t.Status == TransferStatus.FundsReserved)
                .ToArray();
            return Task.FromResult(open);
        }
    }

    public Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_transfers.GetValueOrDefault(transferId));
        }
    }

    public Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Guid> stalled = _transfers.Values
                .Where(t => t.Status == TransferStatus.FundsReserved && t.Mode == TransferMode.Immediate && t.UpdatedAt < before)
                .OrderBy(t => t.UpdatedAt)
                .Take(limit)
                .Select(t => t.TransferId)
                .ToArray();
            return Task.FromResult(stalled);
        }
    }

    public Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var page = _lines
                .Where(l => l.Line.AccountId == accountId && l.Sequence > afterSequence)
                .Take(limit + 1)
                .Select(l => new StatementLine(l.Sequence, l.Posting.PostingId, l.Posting.Kind, l.Line.Bucket, l.Line.AmountFen, l.Posting.TransferId, l.Posting.Memo, l.At))
                .ToList();
            return Task.FromResult(Paging.Page(page, limit, l => l.Sequence, (lines, next) => new StatementPage(lines, next)));
        }
    }

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            AppendAuditLocked(entry);
        }
        return Task.CompletedTask;
    }

    public Task<AuditPage> ReadAuditAsync(string objectId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (TransferAuditTrail.TryParse(objectId, out var transferId))
            {
                var steps = TransferAuditTrail.PostingIds(transferId).Where(_postings.ContainsKey).Select(id => _postings[id]);
                return Task.FromResult(TransferAuditTrail.Page(_transfers.GetValueOrDefault(transferId), steps, afterSequence, limit));
            }
            var page = _audit.Where(a => a.Entry.ObjectId == objectId && a.Sequence > afterSequence).Take(limit + 1).ToList();
            return Task.FromResult(Paging.Page(page, limit, a => a.Sequence, (entries, next) => new AuditPage(entries.Select(e => e.Entry).ToArray(), next)));
        }
    }

    public Task<IdempotencyRecord?> FindIdempotencyRecordAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_idempotency.GetValueOrDefault((scope, key)));
        }
    }

    public Task<IdempotencySave> SaveIdempotencyRecordAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_idempotency.TryGetValue((record.Scope, record.Key), out var stored)
                && !(stored.IsAwaitingResponse && stored.RequestHash == record.RequestHash))
            {
                return Task.FromResult(new IdempotencySave(stored, StoredNow: false));
            }
            // A completed record keeps the time the ledger first recorded the key: retention counts from the effect.
            stored = stored is null ? record : record with { CreatedAt = stored.CreatedAt };
            _idempotency[(record.Scope, record.Key)] = stored;
            return Task.FromResult(new IdempotencySave(stored, StoredNow: true));
        }
    }

    public Task<int> PurgeIdempotencyRecordsAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var expired = _idempotency.Where(r => r.Value.CreatedAt < createdBefore).Take(limit).Select(r => r.Key).ToArray();
            foreach (var key in expired)
            {
                _idempotency.Remove(key);
            }
            return Task.FromResult(expired.Length);
        }
    }

    public Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (wake)
            {
                _wakeups.Add((grainKind, grainKey));
            }
            else
            {
                _wakeups.Remove((grainKind, grainKey));
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> keys = _wakeups.Where(w => w.Kind == grainKind && string.CompareOrdinal(w.Key, afterKey) > 0)
                .Select(w => w.Key).Order(StringComparer.Ordinal).Take(limit).ToArray();
            return Task.FromResult(keys);
        }
    }

    /// <summary>Memory grain storage notes nothing: in memory a crash loses the grain states as well.</summary>
    public Task<IReadOnlyList<string>> ReadUnfinishedFollowUpOwnersAsync(string serviceId, TimeSpan quietFor, string afterOwner, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task ArchiveOfferAsync(ArchivedOffer offer, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_archivedOffers.All(a => a.Offer.Offer.OfferId != offer.Offer.OfferId))
            {
                _archivedOffers.Add((_archivedOffers.Count + 1, offer));
            }
        }
        return Task.CompletedTask;
    }

    public Task<ArchivedOfferPage> ReadArchivedOffersAsync(Guid listingId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var rows = _archivedOffers.Where(a => a.Offer.ListingId == listingId && a.Sequence > afterSequence).Take(limit + 1).ToList();
            return Task.FromResult(Paging.Page(rows, limit, r => r.Sequence, (page, next) => new ArchivedOfferPage(page.Select(r => r.Offer).ToArray(), next)));
        }
    }

    public Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _filings[licenseId] = (deadline, filedOn);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OverdueFiling>> ReadOverdueFilingsAsync(DateOnly today, OverdueFiling? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<OverdueFiling> overdue = _filings.Where(f => f.Value.FiledOn is null && f.Value.Deadline < today)
                .Select(f => new OverdueFiling(f.Key, f.Value.Deadline))
                .Where(f => after is null || f.Deadline > after.Deadline || (f.Deadline == after.Deadline && f.LicenseId.CompareTo(after.LicenseId) > 0))
                .OrderBy(f => f.Deadline).ThenBy(f => f.LicenseId).Take(limit).ToArray();
            return Task.FromResult(overdue);
        }
    }

    public Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _listings[entry.ListingId] = entry;
        }
        return Task.CompletedTask;
    }

    public Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var rows = _listings.Values.Where(e => ListingFilter.Matches(e, query))
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.ListingId)
                .Take(query.Limit + 1).ToArray();
            return Task.FromResult(rows.Length > query.Limit
                ? new ListingSearchPage(rows[..query.Limit], new ListingCursor(rows[query.Limit - 1].CreatedAt, rows[query.Limit - 1].ListingId))
                : new ListingSearchPage(rows, null));
        }
    }

    public Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _deals.TryAdd(deal.DealId, deal);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DealRecord> deals = _deals.Values
                .Where(d => d.CompletedAt >= from && d.CompletedAt < to && (ipcPrefix is null || d.IpcSubclass.StartsWith(ipcPrefix, StringComparison.Ordinal)))
                .ToArray();
            return Task.FromResult(deals);
        }
    }

    private void AppendAuditLocked(AuditEntry entry)
    {
        if (_auditIds.Add(entry.EntryId))
        {
            _audit.Add((++_sequence, entry));
        }
    }
}
