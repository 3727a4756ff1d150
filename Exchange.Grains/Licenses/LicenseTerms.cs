using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// Licence terms as asked in a listing or offered in a deal (domain.md §4–§5): type, scope (territory as region
/// codes, field of use as IPC classes or named fields, term) and money (upfront fee, royalty on net sales in
/// basis points, minimum annual royalty).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LicenseTerms(
    [property: Id(0)] LicenseType Type,
    [property: Id(1)] IReadOnlyList<string> Territories,
    [property: Id(2)] IReadOnlyList<string> Fields,
    [property: Id(3)] int TermMonths,
    [property: Id(4)] Money UpfrontFee,
    [property: Id(5)] int RoyaltyRateBasisPoints,
    [property: Id(6)] Money MinimumAnnualRoyalty,
    [property: Id(7)] int PaymentsPerYear = 4,
    [property: Id(8)] int LateInterestBasisPointsPerMonth = 50,
    [property: Id(9)] bool SublicensingAllowed = false)
{
    /// <summary>Value equality including the lists (record equality compares list references).</summary>
    public static bool Same(LicenseTerms? a, LicenseTerms? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Type == b.Type && a.Territories.SequenceEqual(b.Territories) && a.Fields.SequenceEqual(b.Fields) && a.TermMonths == b.TermMonths
              && a.UpfrontFee == b.UpfrontFee && a.RoyaltyRateBasisPoints == b.RoyaltyRateBasisPoints && a.MinimumAnnualRoyalty == b.MinimumAnnualRoyalty
              && a.PaymentsPerYear == b.PaymentsPerYear && a.LateInterestBasisPointsPerMonth == b.LateInterestBasisPointsPerMonth && a.SublicensingAllowed == b.SublicensingAllowed;

    public const int MaxTerritories = 50;
    public const int MaxTerritoryLength = 10;
    public const int MaxFields = 50;
    public const int MaxFieldLength = 100;
    public const int MaxTermMonths = 480;
    public const int MaxLateInterestBasisPointsPerMonth = 1_000;

    /// <summary>Royalties are paid yearly, half-yearly, quarterly or monthly.</summary>
    public static readonly IReadOnlyList<int> PaymentFrequencies = [1, 2, 4, 12];

    public static LicenseTerms Validate(LicenseTerms? terms, string field)
    {
        if (terms is null)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Licence terms are required.", field);
        }
        if (!Enum.IsDefined(terms.Type))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Unknown licence type {(int)terms.Type}.", field);
        }
        if ((terms.Territories?.Count ?? 0) is 0 or > MaxTerritories || terms.Territories!.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTerritoryLength))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Give 1–50 territories as region codes such as \"CN\" or \"CN-44\".", field);
        }
        if ((terms.Fields?.Count ?? 0) is 0 or > MaxFields || terms.Fields!.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > MaxFieldLength))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Give 1–50 fields of use (IPC classes or named fields).", field);
        }
        if (terms.TermMonths is < 1 or > MaxTermMonths)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A licence runs 1–480 months.", field);
        }
        if (!PaymentFrequencies.Contains(terms.PaymentsPerYear) || terms.LateInterestBasisPointsPerMonth is < 0 or > MaxLateInterestBasisPointsPerMonth)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Royalties are paid 1, 2, 4 or 12 times a year; late interest is 0–10% a month.", field);
        }
        if (terms.UpfrontFee.Fen < 0 || terms.MinimumAnnualRoyalty.Fen < 0 || terms.RoyaltyRateBasisPoints is < 0 or > 10_000)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Fees are not negative and the royalty rate is between 0% and 100%.", field);
        }
        return terms;
    }
}
