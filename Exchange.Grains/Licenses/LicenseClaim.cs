namespace Exchange.Grains.Licenses;

/// <summary>A licence's scope as claimed on one patent: what later licences on that patent are checked against.</summary>
[GenerateSerializer, Immutable]
public sealed record LicenseClaim([property: Id(0)] Guid LicenseId, [property: Id(1)] LicenseType Type, [property: Id(2)] LicenseScope Scope);
