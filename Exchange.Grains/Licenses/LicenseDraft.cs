namespace Exchange.Grains.Licenses;

/// <summary>
/// The licence an accepted licence offer agreed on, ready to be executed: who grants it (the patents' owners), to
/// whom, on which patents, on what terms. The licence slice turns it into a licence with its own lifecycle.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LicenseDraft(
    [property: Id(0)] Guid ListingId,
    [property: Id(1)] Guid OfferId,
    [property: Id(2)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(3)] IReadOnlyList<Guid> Licensors,
    [property: Id(4)] Guid Licensee,
    [property: Id(5)] LicenseTerms Terms);
