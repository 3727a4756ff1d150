using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>
/// An agency's listing of one patent or a package: for sale at a price, for licence on terms, or both. Or a pledgee's
/// listing of a defaulted pledge's collateral, for sale only, to find the buyer of its enforcement (Civil Code Art.
/// 436): the pledge, not the owners' mandate, gives it the right to sell, and the deal it accepts becomes the
/// enforcement's proposed sale, approved by the operator and paid to the pledge.
/// </summary>
/// <param name="EnforcesPledge">The pledge whose enforcement this listing serves; null for an agency's listing.</param>
[GenerateSerializer, Immutable]
public sealed record CreateListing(
    [property: Id(0)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(1)] Money? SalePrice,
    [property: Id(2)] LicenseTerms? LicenseTerms,
    [property: Id(3)] DateOnly ExpiresOn,
    [property: Id(4)] Guid? EnforcesPledge = null)
{
    /// <summary>The most patents one listing offers as a package.</summary>
    public const int MaxPatents = 100;
}
