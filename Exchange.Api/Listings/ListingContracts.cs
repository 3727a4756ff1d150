using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;

namespace Exchange.Api.Listings;

/// <summary>
/// Licence terms: royalty as a percentage of net sales (at most two decimals), money in CNY. Left out, the payments
/// fall due four times a year, late interest is 0.5% a month and sublicensing is not allowed: the customary terms, and
/// the safe side for the licensor.
/// </summary>
public sealed record LicenseTermsDto(
    LicenseType Type,
    [property: Items(1, LicenseTerms.MaxTerritories, ItemMaxLength = LicenseTerms.MaxTerritoryLength)] string[] Territories,
    [property: Items(1, LicenseTerms.MaxFields, ItemMaxLength = LicenseTerms.MaxFieldLength)] string[] Fields,
    [property: Whole(1, LicenseTerms.MaxTermMonths)] int TermMonths,
    [property: Yuan(AllowZero = true)] decimal UpfrontFee,
    [property: Percent(100)] decimal RoyaltyRatePercent,
    [property: Yuan(AllowZero = true)] decimal MinimumAnnualRoyalty,
    [property: OneOf(typeof(LicenseTerms), nameof(LicenseTerms.PaymentFrequencies))] int PaymentsPerYear = 4,
    [property: Percent(LicenseTermsDto.MaxLateInterestPercentPerMonth)] decimal LateInterestPercentPerMonth = 0.5m,
    bool SublicensingAllowed = false)
{
    public const double MaxLateInterestPercentPerMonth = LicenseTerms.MaxLateInterestBasisPointsPerMonth / 100.0;

    public static LicenseTermsDto Example => new(LicenseType.Ordinary, ["CN"], ["H01M"], 36, 50_000m, 3.5m, 20_000m);

    public LicenseTerms ToDomain()
    {
        if (RoyaltyRatePercent is < 0 or > 100 || RoyaltyRatePercent * 100m != decimal.Truncate(RoyaltyRatePercent * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The royalty rate is a percentage from 0 to 100 with at most two decimals.", "licenseTerms");
        }
        if (LateInterestPercentPerMonth < 0 || LateInterestPercentPerMonth * 100m > LicenseTerms.MaxLateInterestBasisPointsPerMonth || LateInterestPercentPerMonth * 100m != decimal.Truncate(LateInterestPercentPerMonth * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Late interest is 0–{MaxLateInterestPercentPerMonth}% a month with at most two decimals.", "licenseTerms");
        }
        return new LicenseTerms(Type, Territories ?? [], Fields ?? [], TermMonths, Money.FromYuan(UpfrontFee), (int)(RoyaltyRatePercent * 100m), Money.FromYuan(MinimumAnnualRoyalty),
            PaymentsPerYear, (int)(LateInterestPercentPerMonth * 100m), SublicensingAllowed);
    }

    public static LicenseTermsDto? From(LicenseTerms? t) => t is null ? null
        : new(t.Type, [.. t.Territories], [.. t.Fields], t.TermMonths, t.UpfrontFee.Yuan, t.RoyaltyRateBasisPoints / 100m, t.MinimumAnnualRoyalty.Yuan,
            t.PaymentsPerYear, t.LateInterestBasisPointsPerMonth / 100m, t.SublicensingAllowed);
}

public sealed record GrantMandateRequest(Guid AgencyId, DateOnly ValidUntil)
{
    public static GrantMandateRequest Example => new(Guid.Parse("3f2b8c1e-5d4a-4e6f-9a7b-2c1d0e9f8a7b"), new DateOnly(2027, 12, 31));
}

/// <param name="ApplicationNumbers">The patents listed, one or a package.</param>
/// <param name="ExpiresOn">The last day the listing takes offers.</param>
/// <param name="SalePrice">The asking price for the whole package, in yuan; absent when only licensed.</param>
/// <param name="LicenseTerms">The licence offered; absent when only sold.</param>
/// <param name="EnforcesPledge">
/// A pledgee offering a defaulted pledge's collateral on the market: the pledge (its patents, all of them, for sale
/// only). The offer it accepts becomes the enforcement's proposed sale, which the operator approves and the buyer pays
/// to the pledge (<c>/api/pledges/{id}/enforcement/payment</c>). Absent for an agency's listing.
/// </param>
public sealed record CreateListingRequest(
    [property: Items(1, CreateListing.MaxPatents, ItemMaxLength = Patents.ApplicationNumberSchema.MaxLength, ItemPattern = Patents.ApplicationNumberSchema.Pattern)] string[] ApplicationNumbers,
    DateOnly ExpiresOn,
    [property: Yuan] decimal? SalePrice = null,
    LicenseTermsDto? LicenseTerms = null,
    Guid? EnforcesPledge = null)
{
    public static CreateListingRequest Example => new(["201710601862.3"], new DateOnly(2027, 6, 30), 1_200_000m, LicenseTermsDto.Example);
}

public sealed record MakeOfferRequest(OfferKind Kind, DateOnly ExpiresOn, [property: Yuan] decimal? Price = null, LicenseTermsDto? LicenseTerms = null)
{
    public static MakeOfferRequest Example => new(OfferKind.Purchase, new DateOnly(2027, 1, 31), 1_050_000m);
}

public sealed record CounterOfferRequest([property: Yuan] decimal? Price = null, LicenseTermsDto? LicenseTerms = null)
{
    public static CounterOfferRequest Example => new(1_150_000m);
}

public sealed record OfferResponse(
    Guid OfferId,
    Guid BidderId,
    OfferKind Kind,
    decimal? Price,
    LicenseTermsDto? LicenseTerms,
    DateOnly ExpiresOn,
    OfferStatus Status,
    decimal? CounterPrice,
    LicenseTermsDto? CounterTerms,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<Guid> PatentTransfers)
{
    public static OfferResponse From(OfferSnapshot o) => new(o.OfferId, o.BidderId, o.Kind, o.Price?.Yuan, LicenseTermsDto.From(o.LicenseTerms), o.ExpiresOn,
        o.Status, o.CounterPrice?.Yuan, LicenseTermsDto.From(o.CounterTerms), o.SubmittedAt, o.UpdatedAt, o.PatentTransfers);
}

/// <summary>A listing as the caller may see it: offers are confidential to the selling side, staff and each offer's own bidder.</summary>
public sealed record ListingResponse(
    Guid ListingId,
    Guid AgencyId,
    IReadOnlyList<string> ApplicationNumbers,
    decimal? SalePrice,
    LicenseTermsDto? LicenseTerms,
    DateOnly ExpiresOn,
    ListingStatus Status,
    IReadOnlyList<OfferResponse> Offers,
    DateTimeOffset CreatedAt,
    IReadOnlyList<LicenseDraftResponse> LicenseDrafts,
    Guid? EnforcesPledge = null)
{
    public static ListingResponse From(ListingSnapshot l, Infrastructure.Caller caller)
    {
        var sellingSide = caller.IsStaff || caller.ParticipantId == l.AgencyId || l.OwnerIds.Contains(caller.ParticipantId);
        var offers = l.Offers.Where(o => sellingSide || o.BidderId == caller.ParticipantId).Select(OfferResponse.From).ToArray();
        var drafts = l.LicenseDrafts.Where(d => sellingSide || d.Licensee == caller.ParticipantId)
            .Select(d => new LicenseDraftResponse(d.OfferId, d.ApplicationNumbers, d.Licensors, d.Licensee, LicenseTermsDto.From(d.Terms)!)).ToArray();
        return new(l.ListingId, l.AgencyId, l.ApplicationNumbers, l.SalePrice?.Yuan, LicenseTermsDto.From(l.LicenseTerms), l.ExpiresOn, l.Status, offers, l.CreatedAt, drafts, l.EnforcesPledge);
    }
}

/// <summary>A licence agreed through an accepted licence offer, awaiting execution as a licence.</summary>
public sealed record LicenseDraftResponse(Guid OfferId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> Licensors, Guid Licensee, LicenseTermsDto Terms);
