namespace Exchange.Api.Infrastructure;

/// <summary>
/// Marks a command whose ledger commit records its Idempotency-Key in the same transaction as the money (deposit,
/// withdrawal, transfer create, settle, release). The database itself then refuses the key for another request, so
/// the idempotency middleware does not claim the key before such a command runs (<see cref="IdempotencyMiddleware"/>):
/// one write fewer on the exchange's busiest path.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class LedgerCommandAttribute : Attribute;
