using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>An agency's listing of one patent or a package: for sale at a price, for licence on terms, or both.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateListing(
    [property: Id(0)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(1)] Money? SalePrice,
    [property: Id(2)] LicenseTerms? LicenseTerms,
    [property: Id(3)] DateOnly ExpiresOn)
{
    /// <summary>The most patents one listing offers as a package.</summary>
    public const int MaxPatents = 100;
}
