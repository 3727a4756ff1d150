using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What one step owed one payee, and what it paid.</summary>
/// <param name="PayeeId">The fee's or tranche's id; for a reserve top-up, <see cref="ReservePayee"/>.</param>
public sealed record StepPayment(PaymentKind Kind, string PayeeId, Money Due, Money Paid)
{
    public const string ReservePayee = "reserve";

    public Money Unpaid => Due - Paid;
}
