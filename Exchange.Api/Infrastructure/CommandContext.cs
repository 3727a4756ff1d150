using Exchange.Grains.Common;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// The idempotency context of a command: the caller's key and the hash of the request. Objects and postings a
/// command creates take ids derived from (caller, key), so a repeat of the command lands on what the first made.
/// </summary>
public sealed record CommandContext(Caller Caller, string IdempotencyKey, string RequestHash)
{
    private const string ItemKey = "exchange.command";

    public Guid DeriveId(string kind) => DeterministicId.From(kind, Caller.ParticipantId.ToString("N"), IdempotencyKey);

    public static CommandContext From(HttpContext context) =>
        context.Items[ItemKey] as CommandContext
        ?? throw new InvalidOperationException("The idempotency middleware did not run for this command.");

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
