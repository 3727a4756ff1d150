using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// A patent licence (domain.md §5): licensors, licensee, patents, type and scope, financial terms, and its
/// lifecycle. Its scope is claimed on every licensed patent when submitted, so conflicting licences are refused
/// by the patents themselves. Keyed by licence id.
/// </summary>
[Alias("exchange.license")]
public interface ILicenseGrain : IGrainWithGuidKey
{
    /// <summary>Drafts the licence: patents in force, a term that ends no later than the earliest patent expiry.</summary>
    [Alias("draft")]
    Task<LicenseSnapshot> Draft(DraftLicense draft, Actor actor);

    [Alias("get")]
    Task<LicenseSnapshot?> TryGet();

    /// <summary>Claims the scope on the patents and asks for consents; an ordinary licence needs none and takes effect.</summary>
    [Alias("submit")]
    Task<LicenseSnapshot> Submit(Actor actor);

    /// <summary>A co-owner consents to an exclusive or sole licence; with the last consent it takes effect.</summary>
    [Alias("consent")]
    Task<LicenseSnapshot> Consent(Actor owner);

    /// <summary>Ends the licence and frees its scope on the patents.</summary>
    [Alias("terminate")]
    Task<LicenseSnapshot> Terminate(Actor actor);

    /// <summary>Expires the licence once its term has run, by the business clock.</summary>
    [Alias("check-expiry")]
    Task<LicenseSnapshot> CheckExpiry();
}
