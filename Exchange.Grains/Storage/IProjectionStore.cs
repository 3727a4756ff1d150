using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Storage;

/// <summary>
/// Read models the grains keep up to date through their follow-ups: the listing search index, completed deals
/// for market data, licence filing deadlines, and the archive of closed offers. Every write is an idempotent upsert keyed by its object, so a
/// follow-up carried out twice leaves one row.
/// </summary>
public interface IProjectionStore
{
    Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default);

    Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records a completed deal once, whatever the number of retries.</summary>
    Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default);

    /// <summary>Completed deals from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), optionally of one IPC subclass prefix.</summary>
    Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Records a licence's filing deadline, or that it was filed.</summary>
    Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default);

    /// <summary>Licences not filed by their deadline, as of <paramref name="today"/>, oldest deadline first (then by licence), after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<OverdueFiling>> ReadOverdueFilingsAsync(DateOnly today, OverdueFiling? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Keeps a closed offer once, whatever the number of retries.</summary>
    Task ArchiveOfferAsync(ArchivedOffer offer, CancellationToken cancellationToken = default);

    /// <summary>A listing's archived offers in the order they were archived, after the cursor.</summary>
    Task<ArchivedOfferPage> ReadArchivedOffersAsync(Guid listingId, long afterSequence, int limit, CancellationToken cancellationToken = default);
}
