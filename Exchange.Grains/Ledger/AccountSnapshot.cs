using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

[GenerateSerializer, Immutable]
public sealed record AccountSnapshot([property: Id(0)] string AccountId, [property: Id(1)] Money Available, [property: Id(2)] Money Reserved);
