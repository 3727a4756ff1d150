namespace Exchange.Grains.Ledger;

/// <summary>One side of a posting: a signed amount in fen on one bucket of one account.</summary>
[GenerateSerializer, Immutable]
public sealed record PostingLine([property: Id(0)] string AccountId, [property: Id(1)] Bucket Bucket, [property: Id(2)] long AmountFen);
