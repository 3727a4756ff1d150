namespace Exchange.Grains.Idempotency;

/// <summary>
/// Durable first outcomes of commands, by (caller, Idempotency-Key). The commands themselves are idempotent
/// (their ids derive from the key), so a crash between a command and its record only means the repeat runs the
/// command again and gets the same outcome.
/// </summary>
[Alias("exchange.idempotency")]
public interface IIdempotencyGrain : IGrainWithIntegerKey
{
    [Alias("find")]
    Task<IdempotencyRecord?> Find(string scope, string key);

    [Alias("save")]
    Task<IdempotencySave> Save(IdempotencyRecord record);
}
