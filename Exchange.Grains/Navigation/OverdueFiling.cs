namespace Exchange.Grains.Navigation;

/// <summary>A licence whose record filing is past its three-month deadline.</summary>
[GenerateSerializer, Immutable]
public sealed record OverdueFiling([property: Id(0)] Guid LicenseId, [property: Id(1)] DateOnly Deadline);
