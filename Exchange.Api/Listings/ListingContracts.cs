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
    string[] Territories,
    string[] Fields,
    int TermMonths,
    decimal UpfrontFee,
    decimal RoyaltyRatePercent,
    decimal MinimumAnnualRoyalty,
    int PaymentsPerYear = 4,
    decimal LateInterestPercentPerMonth = 0.5m,
    bool SublicensingAllowed = false)
{
    public LicenseTerms ToDomain()
    {
        if (RoyaltyRatePercent is < 0 or > 100 || RoyaltyRatePercent * 100m != decimal.Truncate(RoyaltyRatePercent * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The royalty rate is a percentage from 0 to 100 with at most two decimals.", "licenseTerms");
        }
        if (LateInterestPercentPerMonth is < 0 or > 10 || LateInterestPercentPerMonth * 100m != decimal.Truncate(LateInterestPercentPerMonth * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Late interest is 0–10% a month with at most two decimals.", "licenseTerms");
        }
        return new LicenseTerms(Type, Territories ?? [], Fields ?? [], TermMonths, Money.FromYuan(UpfrontFee), (int)(RoyaltyRatePercent * 100m), Money.FromYuan(MinimumAnnualRoyalty),
            PaymentsPerYear, (int)(LateInterestPercentPerMonth * 100m), SublicensingAllowed);
    }

    public static LicenseTermsDto? From(LicenseTerms? t) => t is null ? null
        : new(t.Type, [.. t.Territories], [.. t.Fields], t.TermMonths, t.UpfrontFee.Yuan, t.RoyaltyRateBasisPoints / 100m, t.MinimumAnnualRoyalty.Yuan,
            t.PaymentsPerYear, t.LateInterestBasisPointsPerMonth / 100m, t.SublicensingAllowed);
}

public sealed record GrantMandateRequest(Guid AgencyId, DateOnly ValidUntil);

public sealed record CreateListingRequest(string[] ApplicationNumbers, DateOnly ExpiresOn, decimal? SalePrice = null, LicenseTermsDto? LicenseTerms = null);

public sealed record MakeOfferRequest(OfferKind Kind, DateOnly ExpiresOn, decimal? Price = null, LicenseTermsDto? LicenseTerms = null);

public sealed record CounterOfferRequest(decimal? Price = null, LicenseTermsDto? LicenseTerms = null);

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
    IReadOnlyList<LicenseDraftResponse> LicenseDrafts)
{
    public static ListingResponse From(ListingSnapshot l, Infrastructure.Caller caller)
    {
        var sellingSide = caller.IsStaff || caller.ParticipantId == l.AgencyId || l.OwnerIds.Contains(caller.ParticipantId);
        var offers = l.Offers.Where(o => sellingSide || o.BidderId == caller.ParticipantId).Select(OfferResponse.From).ToArray();
        var drafts = l.LicenseDrafts.Where(d => sellingSide || d.Licensee == caller.ParticipantId)
            .Select(d => new LicenseDraftResponse(d.OfferId, d.ApplicationNumbers, d.Licensors, d.Licensee, LicenseTermsDto.From(d.Terms)!)).ToArray();
        return new(l.ListingId, l.AgencyId, l.ApplicationNumbers, l.SalePrice?.Yuan, LicenseTermsDto.From(l.LicenseTerms), l.ExpiresOn, l.Status, offers, l.CreatedAt, drafts);
    }
}

/// <summary>A licence agreed through an accepted licence offer, awaiting execution as a licence.</summary>
public sealed record LicenseDraftResponse(Guid OfferId, IReadOnlyList<string> ApplicationNumbers, IReadOnlyList<Guid> Licensors, Guid Licensee, LicenseTermsDto Terms);
