namespace Exchange.Grains.Common;

/// <summary>
/// Splits an amount among parties by weight so that the parts add up to the whole exactly (domain.md §2):
/// each part gets the floor of its exact share, and the fen left over go one each to the largest remainders.
/// Ties go to the earlier party, so the split is deterministic.
/// </summary>
public static class Allocation
{
    public static IReadOnlyList<Money> ByLargestRemainder(Money total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Cannot split an amount among no parties.");
        }
        if (total.Fen < 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Cannot split a negative amount ({total}).");
        }
        decimal weightSum = 0;
        foreach (var weight in weights)
        {
            if (weight < 0)
            {
                throw new DomainException(DomainErrors.InvalidInput, $"Weight {weight} is negative.");
            }
            weightSum += weight;
        }
        if (weightSum == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The weights add up to zero.");
        }

        var parts = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        long allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            // Multiply before dividing: decimal keeps 28 digits, far more than fen totals times weights need.
            var exact = total.Fen * weights[i] / weightSum;
            parts[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - parts[i];
            allocated += parts[i];
        }

        var leftover = total.Fen - allocated;
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .Take((int)leftover);
        foreach (var i in order)
        {
            parts[i]++;
        }
        return parts.Select(fen => new Money(fen)).ToArray();
    }
}
