using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

/// <summary>One recipient's part of a distribution out of the platform's escrow.</summary>
[GenerateSerializer, Immutable]
public sealed record DistributionPart([property: Id(0)] string AccountId, [property: Id(1)] Money Amount);
