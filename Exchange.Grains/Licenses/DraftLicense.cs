namespace Exchange.Grains.Licenses;

/// <summary>A licence to draft: patents, the licensee, the agreed terms and the day it is to take effect.</summary>
[GenerateSerializer, Immutable]
public sealed record DraftLicense(
    [property: Id(0)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(1)] Guid Licensee,
    [property: Id(2)] LicenseTerms Terms,
    [property: Id(3)] DateOnly Start);
