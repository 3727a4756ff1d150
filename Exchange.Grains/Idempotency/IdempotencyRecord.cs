namespace Exchange.Grains.Idempotency;

/// <summary>
/// The first outcome of a command under a client's Idempotency-Key: what a repeat gets back. The request hash
/// tells a true repeat from a key reused for a different request.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Key,
    [property: Id(2)] string RequestHash,
    [property: Id(3)] int StatusCode,
    [property: Id(4)] string ResponseBody,
    [property: Id(5)] string? Location,
    [property: Id(6)] DateTimeOffset CreatedAt);
