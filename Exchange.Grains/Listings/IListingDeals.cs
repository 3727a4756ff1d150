using Orleans.Concurrency;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>What other objects of the exchange ask of a listing: the calls of patents, transfers and licences, never of the API.</summary>
[Alias("exchange.listing-deals")]
public interface IListingDeals : IGrainWithGuidKey
{
    /// <summary>
    /// A listed patent changed hands or was declared invalid: the listing ends and its live offers are rejected.
    /// The other patents of a package hear of it; the named one already knows.
    /// </summary>
    [Alias("close-for-patent")]
    Task CloseForPatent(string applicationNumber, string reason);

    /// <summary>The licence an accepted licence offer agreed on, while it may still be executed; null otherwise.</summary>
    [Alias("accepted-license-offer")]
    [AlwaysInterleave]
    Task<LicenseDraft?> AcceptedLicenseOffer(Guid offerId);

    /// <summary>The accepted licence offer was executed as a licence; the offer is closed.</summary>
    [Alias("license-executed")]
    Task LicenseExecuted(Guid offerId, Guid licenseId);
}
