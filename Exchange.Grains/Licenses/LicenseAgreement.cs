namespace Exchange.Grains.Licenses;

/// <summary>
/// What a licence grants, as stored: the patents, the licensee, the agreed terms and the day it is to take effect.
/// Its own type, not the request; the JSON names are the storage contract (they match version-1 rows).
/// </summary>
public sealed record LicenseAgreement(IReadOnlyList<string> ApplicationNumbers, Guid Licensee, LicenseTerms Terms, DateOnly Start)
{
    public static LicenseAgreement From(DraftLicense validated) => new(validated.ApplicationNumbers, validated.Licensee, validated.Terms, validated.Start);

    public bool Matches(DraftLicense draft) =>
        ApplicationNumbers.SequenceEqual(draft.ApplicationNumbers) && Licensee == draft.Licensee && LicenseTerms.Same(Terms, draft.Terms) && Start == draft.Start;
}

/// <summary>The accepted listing offer a licence executes.</summary>
public sealed record LicenseOrigin(Guid ListingId, Guid OfferId);
