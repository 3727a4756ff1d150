using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// The running royalty (domain.md §5): rate × net sales, topped up to the period's share of the minimum annual
/// royalty. Rates are in basis points; the royalty is rounded half up to the fen, the commercial convention.
/// The minimum is shared among the periods of a year by largest remainder, so the shares add up to it exactly.
/// </summary>
public static class RoyaltyRules
{
    public static Money RunningRoyalty(Money netSales, int rateBasisPoints)
    {
        if (netSales.Fen < 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Net sales cannot be negative ({netSales}).", "netSales");
        }
        return new Money((long)Math.Round(netSales.Fen * (decimal)rateBasisPoints / 10_000m, MidpointRounding.AwayFromZero));
    }

    /// <summary>The minimum's share for period <paramref name="periodIndex"/> (0-based) of <paramref name="periodsPerYear"/>.</summary>
    public static Money MinimumShare(Money minimumAnnualRoyalty, int periodsPerYear, int periodIndex)
    {
        if (periodsPerYear is not (1 or 2 or 4 or 12) || periodIndex < 0 || periodIndex >= periodsPerYear)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Royalties are paid yearly, half-yearly, quarterly or monthly.", "paymentPeriod");
        }
        return Allocation.ByLargestRemainder(minimumAnnualRoyalty, Enumerable.Repeat(1m, periodsPerYear).ToArray())[periodIndex];
    }

    /// <param name="minimumShare">The part of the period the minimum applies to (1 unless the licence's rights ended within it).</param>
    public static Money Due(Money netSales, int rateBasisPoints, Money minimumAnnualRoyalty, int periodsPerYear, int periodIndex, decimal minimumShare = 1m)
    {
        var running = RunningRoyalty(netSales, rateBasisPoints);
        var floor = MinimumShare(minimumAnnualRoyalty, periodsPerYear, periodIndex);
        if (minimumShare < 1m)
        {
            floor = new Money((long)Math.Round(floor.Fen * minimumShare, MidpointRounding.AwayFromZero));
        }
        return running >= floor ? running : floor;
    }
}
