using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>Random but valid pools, periods and collections for the property tests, all from a seeded <see cref="Random"/>.</summary>
internal static class RandomPools
{
    public static PoolTerms Terms(Random random, bool sequentialOnly)
    {
        var seniorities = Enumerable.Range(0, random.Next(1, 5))
            .Select(i => i == 0 ? TrancheSeniority.Senior : (TrancheSeniority)random.Next(0, 3))
            .Order()
            .ToArray();
        var tranches = seniorities.Select((s, i) => new Tranche($"T{i}", s, new Money(random.NextInt64(1, 10_000_000_000)),
            s == TrancheSeniority.Subordinated && random.Next(2) == 0 ? 0m : Math.Round((decimal)random.NextDouble() * 0.12m, 4))).ToArray();
        var fees = Enumerable.Range(0, random.Next(0, 3))
            .Select(i => random.Next(2) == 0 ? Fee.Fixed($"F{i}", new Money(random.NextInt64(0, 10_000_000))) : Fee.OnOutstanding($"F{i}", Math.Round((decimal)random.NextDouble() * 0.01m, 5)))
            .ToArray();
        var triggers = new List<Trigger>();
        if (random.Next(2) == 0)
        {
            triggers.Add(Trigger.Coverage("coverage", 1m + Math.Round((decimal)random.NextDouble(), 2), random.Next(2) == 0));
        }
        if (random.Next(2) == 0)
        {
            triggers.Add(Trigger.MissedSeniorInterest("missed", random.Next(2) == 0));
        }
        return new PoolTerms(tranches, fees, new Money(random.NextInt64(0, 100_000_000)), triggers, Math.Round((decimal)random.NextDouble() * 0.2m, 2),
            Waterfall(random, tranches, fees, PrincipalBasis.BySchedule, sequentialOnly),
            Waterfall(random, tranches, fees, PrincipalBasis.AllAvailable, sequentialOnly));
    }

    /// <summary>Fees, then each rank's interest (the reserve drawn after the senior's), principal, maybe a top-up, maybe a residual.</summary>
    private static WaterfallStep[] Waterfall(Random random, Tranche[] tranches, Fee[] fees, PrincipalBasis basis, bool sequentialOnly)
    {
        var steps = new List<WaterfallStep>(fees.Select(f => new PayFee(f.Id)));
        var ranks = tranches.GroupBy(t => t.Seniority).Select(g => g.Select(t => t.Id).ToArray()).ToArray();
        var drawn = false;
        foreach (var rank in ranks)
        {
            var order = sequentialOnly || random.Next(2) == 0 ? PaymentOrder.Sequential : PaymentOrder.ProRata;
            steps.Add(new PayInterest(rank, order));
            if (!drawn && random.Next(3) > 0)
            {
                steps.Add(new DrawReserveForShortfall());
                drawn = true;
            }
            steps.Add(new PayPrincipal(rank, order, basis));
            if (random.Next(4) == 0)
            {
                steps.Add(new TopUpReserve());
            }
        }
        if (random.Next(4) > 0)
        {
            steps.Add(new PayResidual(tranches[^1].Id));
        }
        return [.. steps];
    }

    public static PoolBalances Start(Random random, PoolTerms terms) => PoolBalances.AtIssue(terms, new Money(random.NextInt64(0, 2 * terms.ReserveTarget.Fen + 1)));

    public static DistributionPeriod Period(Random random, DateOnly start, PoolBalances balances) =>
        new(start, start.AddDays(random.Next(28, 200)),
            balances.Tranches.Where(_ => random.Next(2) == 0).Select(t => new ScheduledPrincipal(t.TrancheId, new Money(random.NextInt64(0, t.Outstanding.Fen + 1)))).ToArray());

    /// <summary>Collections from nothing to well beyond what the pool owes in a period, so every step runs short sometimes.</summary>
    public static Money Collections(Random random, PoolBalances balances) => random.Next(10) switch
    {
        0 => Money.Zero,
        1 => new Money(random.NextInt64(0, 1_000)),
        _ => new Money(random.NextInt64(0, Math.Max(1, balances.OutstandingPrincipal.Fen / 4))),
    };
}
