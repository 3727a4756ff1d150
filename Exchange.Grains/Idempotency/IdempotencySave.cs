namespace Exchange.Grains.Idempotency;

/// <summary>
/// What a save of an idempotency record found: the record now stored, and whether this save stored it (its response
/// is the first) or found another there (a concurrent copy's response, or an earlier request's, to answer with).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencySave([property: Id(0)] IdempotencyRecord Stored, [property: Id(1)] bool StoredNow);
