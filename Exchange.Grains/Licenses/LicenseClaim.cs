namespace Exchange.Grains.Licenses;

/// <summary>A licence's scope as claimed on one patent: what later licences on that patent are checked against.</summary>
[GenerateSerializer, Immutable]
/// <param name="Licensee">Whom the licence is granted to: a pledged patent is licensed only to a licensee its pledgee consented to.</param>
public sealed record LicenseClaim([property: Id(0)] Guid LicenseId, [property: Id(1)] LicenseType Type, [property: Id(2)] LicenseScope Scope, [property: Id(3)] Guid? Licensee = null);
