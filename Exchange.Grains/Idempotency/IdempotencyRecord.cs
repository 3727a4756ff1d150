namespace Exchange.Grains.Idempotency;

/// <summary>
/// The first outcome of a command under a client's Idempotency-Key: what a repeat gets back. The request hash
/// tells a true repeat from a key reused for a different request.
/// <para>
/// A ledger command's record is written in two steps: the ledger commits the key and hash with the money
/// (<see cref="IsAwaitingResponse"/>: status 0, no body), and the API fills in the response once it has one. A record
/// still awaiting its response tells a repeat only that the command took effect: the repeat runs the command again
/// (it is idempotent by its derived ids), and its response completes the record.
/// </para>
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyRecord(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Key,
    [property: Id(2)] string RequestHash,
    [property: Id(3)] int StatusCode,
    [property: Id(4)] string ResponseBody,
    [property: Id(5)] string? Location,
    [property: Id(6)] DateTimeOffset CreatedAt)
{
    /// <summary>The status a record has while the ledger has committed the command but no response is stored yet.</summary>
    public const int AwaitingResponseStatus = 0;

    public bool IsAwaitingResponse => StatusCode == AwaitingResponseStatus;

    /// <summary>The row a ledger commit writes for <paramref name="stamp"/>: the key and hash, no response yet.</summary>
    public static IdempotencyRecord AwaitingResponse(IdempotencyStamp stamp, DateTimeOffset at) =>
        new(stamp.Scope, stamp.Key, stamp.RequestHash, AwaitingResponseStatus, "", null, at);
}
