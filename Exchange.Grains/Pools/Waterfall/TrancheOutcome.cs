using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What one tranche was due and paid in a period, summed over every step, and what it owes after.</summary>
public sealed record TrancheOutcome(
    string TrancheId,
    Money InterestDue,
    Money InterestPaid,
    Money PrincipalPaid,
    Money ResidualPaid,
    Money OutstandingAfter,
    Money UnpaidInterestAfter)
{
    /// <summary>The cash the tranche's holders share this period (<see cref="HolderDistribution"/>).</summary>
    public Money TotalPaid => InterestPaid + PrincipalPaid + ResidualPaid;
}
