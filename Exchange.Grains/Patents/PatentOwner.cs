namespace Exchange.Grains.Patents;

/// <summary>A co-owner and its share in basis points (1/100 of a percent); the shares of a patent add up to 10,000.</summary>
[GenerateSerializer, Immutable]
public sealed record PatentOwner([property: Id(0)] Guid ParticipantId, [property: Id(1)] int ShareBasisPoints);
