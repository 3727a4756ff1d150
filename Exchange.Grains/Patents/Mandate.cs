namespace Exchange.Grains.Patents;

/// <summary>An owner's mandate to an operating agency to list and broker the patent, until a date (domain.md §4).</summary>
[GenerateSerializer, Immutable]
public sealed record Mandate([property: Id(0)] Guid OwnerId, [property: Id(1)] Guid AgencyId, [property: Id(2)] DateOnly ValidUntil);
