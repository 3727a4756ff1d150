using Exchange.Grains.Lists;

namespace Exchange.Grains.Listings;

/// <summary>The listing in the lists: it concerns its agency, its patents, and every bidder who made an offer on it (for good, archived offers included).</summary>
internal static class ListingEntry
{
    public static DirectoryEntry? Of(Guid id, ListingState state) => state.Listing is not { } terms ? null
        : new DirectoryEntry(DirectoryKinds.Listing, id.ToString("N"), DirectoryStatus.Of(state.Status),
            $"{string.Join(", ", terms.ApplicationNumbers)}{(terms.SalePrice is { } price ? $" for sale at {price}" : "")}{(terms.LicenseTerms is { } licence ? $", {licence.Type} licence" : "")}",
            [
                DirectoryParty.Participant(state.AgencyId, DirectoryRelations.Agency, lasting: true),
                .. terms.ApplicationNumbers.Select(DirectoryParty.Patent),
                .. state.Offers.Select(o => o.BidderId).Distinct().Select(b => DirectoryParty.Participant(b, DirectoryRelations.Bidder, lasting: true)),
            ], default);
}
