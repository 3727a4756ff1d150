namespace Exchange.Grains.Pools;

/// <summary>How much principal a principal step owes a tranche.</summary>
public enum PrincipalBasis
{
    /// <summary>The period's scheduled amortization (<see cref="DistributionPeriod.ScheduledPrincipal"/>), at most what is outstanding.</summary>
    BySchedule = 0,

    /// <summary>Everything outstanding: the accelerated waterfall's turbo amortization.</summary>
    AllAvailable = 1,
}
