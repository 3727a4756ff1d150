namespace Exchange.WebConsole.Client;

// Patent owners' and operating agencies' calls: registration, fees, mandates, listings, offers, patent transfers.
public sealed partial class ExchangeApiClient
{
    public Task<ApplicationNumberCheck> CheckApplicationNumberAsync(string number, CancellationToken cancel = default) =>
        GetAsync<ApplicationNumberCheck>(ApiRoutes.CheckApplicationNumber, [], Query(("number", number)), cancel);

    public Task<Patent> RegisterPatentAsync(PatentRegistration registration, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Patent>(ApiRoutes.RegisterPatent, [], null, registration, key, anonymous: false, cancel);

    /// <summary>An owner named in the registration confirms that it owns the patent as registered.</summary>
    public Task<Patent> ConfirmPatentOwnershipAsync(string applicationNumber, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Patent>(ApiRoutes.ConfirmPatentOwnership, [applicationNumber], null, null, key, anonymous: false, cancel);

    public Task<AnnualFeeDue> GetNextAnnualFeeAsync(string applicationNumber, CancellationToken cancel = default) =>
        GetAsync<AnnualFeeDue>(ApiRoutes.GetNextAnnualFee, [applicationNumber], null, cancel);

    public Task<Patent> PayAnnualFeeAsync(string applicationNumber, int patentYear, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Patent>(ApiRoutes.PayAnnualFee, [applicationNumber], null, new { patentYear }, key, anonymous: false, cancel);

    public Task<Patent> GrantMandateAsync(string applicationNumber, Guid agencyId, DateOnly validUntil, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Patent>(ApiRoutes.GrantMandate, [applicationNumber], null, new { agencyId, validUntil }, key, anonymous: false, cancel);

    public Task<Listing> CreateListingAsync(ListingRequest listing, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Listing>(ApiRoutes.CreateListing, [], null, listing, key, anonymous: false, cancel);

    public Task<Listing> GetListingAsync(Guid listingId, CancellationToken cancel = default) =>
        GetAsync<Listing>(ApiRoutes.GetListing, [listingId.ToString()], null, cancel);

    public Task<Offer> MakePurchaseOfferAsync(Guid listingId, decimal price, DateOnly expiresOn, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.MakeOffer, [listingId.ToString()], null, new { kind = "purchase", price, expiresOn }, key, anonymous: false, cancel);

    public Task<Offer> MakeLicenseOfferAsync(Guid listingId, LicenseTerms licenseTerms, DateOnly expiresOn, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.MakeOffer, [listingId.ToString()], null, new { kind = "license", licenseTerms, expiresOn }, key, anonymous: false, cancel);

    public Task<Offer> CounterOfferAsync(Guid listingId, Guid offerId, decimal price, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.CounterOffer, [listingId.ToString(), offerId.ToString()], null, new { price }, key, anonymous: false, cancel);

    public Task<Offer> CounterLicenseOfferAsync(Guid listingId, Guid offerId, LicenseTerms licenseTerms, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.CounterOffer, [listingId.ToString(), offerId.ToString()], null, new { licenseTerms }, key, anonymous: false, cancel);

    public Task<Listing> AcceptOfferAsync(Guid listingId, Guid offerId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Listing>(ApiRoutes.AcceptOffer, [listingId.ToString(), offerId.ToString()], null, null, key, anonymous: false, cancel);

    /// <summary>The licensee signs the licence its accepted licence offer agreed, from <paramref name="start"/>.</summary>
    public Task<License> ExecuteLicenseAsync(Guid listingId, Guid offerId, DateOnly start, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<License>(ApiRoutes.CreateLicense, [], null, new { listingId, offerId, start }, key, anonymous: false, cancel);

    public Task<Offer> RejectOfferAsync(Guid listingId, Guid offerId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.RejectOffer, [listingId.ToString(), offerId.ToString()], null, null, key, anonymous: false, cancel);

    public Task<Offer> WithdrawOfferAsync(Guid listingId, Guid offerId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Offer>(ApiRoutes.WithdrawOffer, [listingId.ToString(), offerId.ToString()], null, null, key, anonymous: false, cancel);

    /// <param name="relation">agency (the listings the caller lists) or bidder (those it has offered on); null for both.</param>
    public Task<ListPage> ListMyListingsAsync(string? relation, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListMyListings, [], Query(("as", relation), ("after", Number(after)), ("limit", Number(limit))), cancel);

    /// <param name="relation">buyer or seller; null for both.</param>
    public Task<ListPage> ListPatentTransfersAsync(string? relation, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListPatentTransfers, [], Query(("as", relation), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<PatentTransfer> GetPatentTransferAsync(Guid transferId, CancellationToken cancel = default) =>
        GetAsync<PatentTransfer>(ApiRoutes.GetPatentTransfer, [transferId.ToString()], null, cancel);

    public Task<PatentTransfer> ConsentToPatentTransferAsync(Guid transferId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<PatentTransfer>(ApiRoutes.ConsentToPatentTransfer, [transferId.ToString()], null, null, key, anonymous: false, cancel);

    public Task<PatentTransfer> EscrowPatentTransferFundsAsync(Guid transferId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<PatentTransfer>(ApiRoutes.EscrowPatentTransferFunds, [transferId.ToString()], null, null, key, anonymous: false, cancel);

    public Task<PatentTransfer> CancelPatentTransferAsync(Guid transferId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<PatentTransfer>(ApiRoutes.CancelPatentTransfer, [transferId.ToString()], null, null, key, anonymous: false, cancel);
}
