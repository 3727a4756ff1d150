using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// The idempotency context of a command: the caller's key and the hash of the request. Objects and postings a
/// command creates take ids derived from (caller, key), so a repeat of the command lands on what the first made.
/// A ledger command also passes <see cref="Idempotency"/> down, and the ledger records the key with the money.
/// </summary>
public sealed record CommandContext(Caller Caller, string IdempotencyKey, string RequestHash)
{
    private const string ItemKey = "exchange.command";

    /// <summary>Whose keys these are: the caller's participant id (keys of different callers never meet).</summary>
    public string Scope => ScopeOf(Caller);

    /// <summary>The key and request hash, for the ledger to record in the transaction that moves the money.</summary>
    public IdempotencyStamp Idempotency => new(Scope, IdempotencyKey, RequestHash);

    public Guid DeriveId(string kind) => DeterministicId.From(kind, Caller.ParticipantId.ToString("N"), IdempotencyKey);

    public static string ScopeOf(Caller caller) => caller.ParticipantId.ToString("N");

    public static CommandContext From(HttpContext context) =>
        context.Items[ItemKey] as CommandContext
        ?? throw new InvalidOperationException("The idempotency middleware did not run for this command.");

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
