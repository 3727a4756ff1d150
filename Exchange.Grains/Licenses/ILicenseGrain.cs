using Orleans.Concurrency;
using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// A patent licence (domain.md §5): licensee, patents, type and scope, financial terms, and its lifecycle. Its
/// licensors are its patents' current owners: after an assignment the new owner consents, terminates and is paid.
/// Its scope is claimed on every licensed patent when submitted, so conflicting licences are refused by the patents
/// themselves. Keyed by licence id; what other grains do to it is on <see cref="ILicenseRights"/>.
/// </summary>
[Alias("exchange.license")]
public interface ILicenseGrain : IGrainWithGuidKey
{
    /// <summary>Drafts the licence: patents in force, a term that ends no later than the earliest patent expiry.</summary>
    [Alias("draft")]
    Task<LicenseSnapshot> Draft(DraftLicense draft, Actor actor);

    [Alias("get")]
    [AlwaysInterleave]
    Task<LicenseSnapshot?> TryGet();

    /// <summary>
    /// The licensee executes the licence an accepted licence offer agreed on, to take effect on <paramref name="start"/>:
    /// drafted from the listing's deal and submitted. The listing's offer is closed once executed.
    /// </summary>
    [Alias("execute-accepted-offer")]
    Task<LicenseSnapshot> ExecuteAcceptedOffer(Guid listingId, Guid offerId, DateOnly start, Actor licensee);

    /// <summary>Claims the scope on the patents and asks for consents; an ordinary licence needs none and takes effect.</summary>
    [Alias("submit")]
    Task<LicenseSnapshot> Submit(Actor actor);

    /// <summary>A co-owner consents to an exclusive or sole licence; with the last consent it takes effect.</summary>
    [Alias("consent")]
    Task<LicenseSnapshot> Consent(Actor owner);

    /// <summary>
    /// The licensee reports net sales for a finished payment period (0 = the first); the royalty invoice follows.
    /// Reporting the same figure again returns the same invoice; another figure for a reported period is refused.
    /// </summary>
    [Alias("report-net-sales")]
    Task<RoyaltyInvoice> ReportNetSales(int periodIndex, Money netSales, Actor licensee);

    /// <summary>
    /// The licensee pays a period's royalty (with late interest past the due date), and it is
    /// distributed at once to the owners by share, inventors' remuneration carved out. Paying twice pays once.
    /// </summary>
    [Alias("pay-royalty")]
    Task<RoyaltyInvoice> PayRoyalty(int periodIndex, Actor licensee);

    /// <summary>
    /// Obtains an ordinary licence under the patent's open-licence declaration by notice and payment: the published
    /// terms apply, the upfront fee is paid and distributed, and the licence takes effect without negotiation.
    /// </summary>
    [Alias("obtain-open-license")]
    Task<LicenseSnapshot> ObtainOpenLicense(string applicationNumber, DateOnly start, Actor licensee);

    /// <summary>
    /// Records the licence's filing with the patent office, due within three months of taking effect. Refused while
    /// an annual fee of a licensed patent is in its grace period.
    /// </summary>
    [Alias("file-record")]
    Task<LicenseSnapshot> FileRecord(string filingReference, Actor actor);

    /// <summary>Ends the licence and frees its scope on the patents.</summary>
    [Alias("terminate")]
    Task<LicenseSnapshot> Terminate(Actor actor);

    /// <summary>
    /// Applies the deadlines by the business clock: a royalty unpaid 60 days past its due date suspends the licence;
    /// consents not all given within 30 days of submission, or the term's end, expire it and free its scope.
    /// </summary>
    [Alias("check-expiry")]
    Task<LicenseSnapshot> CheckExpiry();
}
