using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Splits what a tranche was paid among its holders by units held, by largest remainder, so the parts add up to the
/// payment exactly (domain.md §2) and the distribution is one balanced posting. Ties go to the earlier holder in the
/// list, so the caller passes the holders in a stable order (the register's) to make the split reproducible.
/// </summary>
public static class HolderDistribution
{
    public static IReadOnlyList<HolderPayment> Split(Money paid, IReadOnlyList<Holding> holders)
    {
        ArgumentNullException.ThrowIfNull(holders);
        if (paid.Fen < 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A tranche cannot be paid a negative amount ({paid}).", "amount");
        }
        if (holders.Count == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Nobody holds the tranche, so its {paid} cannot be distributed.", "holders");
        }
        var weights = new decimal[holders.Count];
        var seen = new HashSet<string>(holders.Count, StringComparer.Ordinal);
        for (var i = 0; i < holders.Count; i++)
        {
            if (holders[i].Units <= 0)
            {
                throw new DomainException(DomainErrors.InvalidInput, $"Holder {holders[i].HolderId} holds {holders[i].Units} units; a holder on the register holds at least one.", "holders");
            }
            if (!seen.Add(holders[i].HolderId))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"Holder {holders[i].HolderId} appears twice; the register lists each holder once.", "holders");
            }
            weights[i] = holders[i].Units;
        }
        var parts = Allocation.ByLargestRemainder(paid, weights);
        var payments = new HolderPayment[holders.Count];
        for (var i = 0; i < holders.Count; i++)
        {
            payments[i] = new HolderPayment(holders[i].HolderId, holders[i].Units, parts[i]);
        }
        return payments;
    }
}
