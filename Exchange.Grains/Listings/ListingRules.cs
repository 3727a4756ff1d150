using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Listings;

/// <summary>What a listing and an offer must say before they are recorded (domain.md §4); and which closed offers leave the live state.</summary>
internal static class ListingRules
{
    public const int MaxPatents = CreateListing.MaxPatents;

    /// <summary>Live offers a listing holds at once: beyond that bidders wait for some to close.</summary>
    public const int MaxLiveOffers = 200;

    /// <summary>Closed offers kept in the listing's live state, the most recent ones; older ones are archived.</summary>
    public const int RecentlyClosedKept = 20;

    public static ListingTerms Validate(CreateListing command, DateOnly today)
    {
        var numbers = (command.ApplicationNumbers ?? []).Select(n => ApplicationNumber.Parse(n).ToString()).Distinct().ToArray();
        if (numbers.Length is 0 or > MaxPatents)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A listing offers 1–{MaxPatents} patents.", "applicationNumbers");
        }
        if (command.SalePrice is null && command.LicenseTerms is null)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A listing offers the patents for sale, for licence, or both.", "salePrice");
        }
        if (command.EnforcesPledge is not null && (command.SalePrice is null || command.LicenseTerms is not null))
        {
            throw new DomainException(DomainErrors.InvalidInput, "An enforcement listing sells the collateral at an asking price; it grants no licence.", command.SalePrice is null ? "salePrice" : "licenseTerms");
        }
        if (command.SalePrice is { Fen: <= 0 })
        {
            throw new DomainException(DomainErrors.InvalidAmount, "An asking price is positive.", "salePrice");
        }
        var terms = command.LicenseTerms is null ? null : LicenseTerms.Validate(command.LicenseTerms, "licenseTerms");
        if (command.ExpiresOn <= today)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A listing expires after today.", "expiresOn");
        }
        return new ListingTerms(numbers, command.SalePrice, terms, command.ExpiresOn);
    }

    /// <summary>A repeated create carries the same terms (its numbers may be written differently).</summary>
    public static bool IsRepeat(ListingTerms existing, CreateListing command) =>
        existing.ApplicationNumbers.SequenceEqual((command.ApplicationNumbers ?? []).Select(n => ApplicationNumber.TryParse(n, out var parsed, out _) ? parsed.ToString() : n).Distinct())
        && existing.SalePrice == command.SalePrice && LicenseTerms.Same(existing.LicenseTerms, command.LicenseTerms) && existing.ExpiresOn == command.ExpiresOn;

    public static MakeOffer ValidateOffer(Guid listingId, ListingTerms terms, MakeOffer offer, DateOnly today)
    {
        var validated = offer.Kind switch
        {
            OfferKind.Purchase when terms.SalePrice is null => throw new DomainException(DomainErrors.OfferMismatch, $"Listing {listingId} is not for sale."),
            OfferKind.Purchase when offer.Price is not { Fen: > 0 } => throw new DomainException(DomainErrors.InvalidAmount, "A purchase offer names a positive price.", "price"),
            // Each patent of a package is transferred for its share of the price, and a share of 0 fen is no sale.
            OfferKind.Purchase when offer.Price.Value.Fen < terms.ApplicationNumbers.Count => throw new DomainException(DomainErrors.InvalidAmount,
                $"A purchase of {terms.ApplicationNumbers.Count} patents offers at least CNY {terms.ApplicationNumbers.Count / 100m:0.00}.", "price"),
            OfferKind.Purchase => offer with { LicenseTerms = null },
            OfferKind.License when terms.LicenseTerms is null => throw new DomainException(DomainErrors.OfferMismatch, $"Listing {listingId} is not for licence."),
            OfferKind.License => offer with { LicenseTerms = LicenseTerms.Validate(offer.LicenseTerms, "licenseTerms"), Price = null },
            _ => throw new DomainException(DomainErrors.InvalidInput, $"Unknown offer kind {(int)offer.Kind}.", "kind"),
        };
        if (offer.ExpiresOn <= today)
        {
            throw new DomainException(DomainErrors.InvalidInput, "An offer expires after today.", "expiresOn");
        }
        return validated;
    }

    /// <summary>A counter-offer names a price for a purchase (at least a fen per patent), or licence terms for a licence.</summary>
    public static (Money? Price, LicenseTerms? Terms) ValidateCounter(OfferKind kind, int patents, Money? price, LicenseTerms? terms) => kind == OfferKind.Purchase
        ? (price is { Fen: > 0 } p && p.Fen >= patents ? p : throw new DomainException(DomainErrors.InvalidInput, "A counter-offer to a purchase names a positive price.", "price"), null)
        : (null, terms is null ? throw new DomainException(DomainErrors.InvalidInput, "A counter-offer to a licence offer names licence terms.", "licenseTerms") : LicenseTerms.Validate(terms, "licenseTerms"));

    /// <summary>
    /// An accepted licence offer is a deal still to be executed as a licence, until its own date passes; every other
    /// closed offer may be archived.
    /// </summary>
    public static bool AwaitsExecution(OfferState offer, DateOnly today) =>
        OfferLifecycle.IsAcceptedStatus(offer.Status) && offer.Offer.Kind == OfferKind.License && offer.ExecutedAs is null && offer.Offer.ExpiresOn >= today;

    /// <summary>The closed offers to move to the archive: all but the <see cref="RecentlyClosedKept"/> most recently closed.</summary>
    public static IReadOnlyList<OfferState> ToArchive(IReadOnlyList<OfferState> offers, DateOnly today) => offers
        .Select((offer, position) => (Offer: offer, Position: position))
        .Where(o => !OfferLifecycle.IsLiveStatus(o.Offer.Status) && !AwaitsExecution(o.Offer, today))
        // Most recently closed first; among offers closed at the same moment, the later made.
        .OrderByDescending(o => o.Offer.UpdatedAt).ThenByDescending(o => o.Position)
        .Skip(RecentlyClosedKept)
        .OrderBy(o => o.Position)
        .Select(o => o.Offer)
        .ToArray();
}
