namespace Exchange.Grains.Licenses;

/// <summary>
/// An open licence (开放许可, Patent Law 2020 Arts. 50–52): published terms on which anyone obtains an ordinary
/// licence by notice and payment, without negotiating.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OpenLicenseDeclaration([property: Id(0)] LicenseTerms Terms, [property: Id(1)] Guid DeclaredBy, [property: Id(2)] DateOnly DeclaredOn);
