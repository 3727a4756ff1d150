namespace Exchange.Grains.Licenses;

/// <summary>A licence as it is now; its licensors (and who must consent) are its patents' current owners.</summary>
[GenerateSerializer, Immutable]
public sealed record LicenseSnapshot(
    [property: Id(0)] Guid LicenseId,
    [property: Id(1)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(2)] IReadOnlyList<Guid> Licensors,
    [property: Id(3)] Guid Licensee,
    [property: Id(4)] LicenseTerms Terms,
    [property: Id(5)] LicenseScope Scope,
    [property: Id(6)] LicenseStatus Status,
    [property: Id(7)] IReadOnlyList<Guid> RequiredConsents,
    [property: Id(8)] IReadOnlyList<Guid> Consents,
    [property: Id(9)] IReadOnlyList<RoyaltyInvoice> Invoices,
    [property: Id(10)] DateOnly? EffectiveOn,
    [property: Id(11)] DateOnly? FilingDeadline,
    [property: Id(12)] DateOnly? FiledOn,
    [property: Id(13)] string? FilingReference,
    [property: Id(14)] bool FilingOverdue,
    [property: Id(15)] RoyaltyAssignment? RoyaltyAssignment,
    [property: Id(16)] string? EndReason = null,
    [property: Id(17)] DateOnly? RightsEndedOn = null,
    [property: Id(18)] IReadOnlyList<string>? InvalidatedPatents = null,
    [property: Id(19)] Guid? RoyaltiesPledgedTo = null,
    [property: Id(20)] Guid? RoyaltiesPooledIn = null);
