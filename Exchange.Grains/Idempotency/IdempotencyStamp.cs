namespace Exchange.Grains.Idempotency;

/// <summary>
/// A client's Idempotency-Key, passed down with a ledger command so that the ledger commits the key's record in the
/// same database transaction as the effect it records (as Stripe's recovery points do): an acknowledged command and
/// its record cannot be split by a crash, and a key reused for a different request is refused by the database, not by
/// a lookup that a concurrent copy can overtake.
/// </summary>
/// <param name="Scope">Whose key it is (the caller's participant id); keys of different callers never meet.</param>
/// <param name="RequestHash">Hash of the request (method, path, body): the same key with another hash is a different request.</param>
[GenerateSerializer, Immutable]
public sealed record IdempotencyStamp(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Key,
    [property: Id(2)] string RequestHash);
