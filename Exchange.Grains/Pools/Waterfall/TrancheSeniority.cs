namespace Exchange.Grains.Pools;

/// <summary>Where a tranche ranks in a pool's capital structure (domain.md §7).</summary>
public enum TrancheSeniority
{
    /// <summary>优先级: a fixed coupon, paid first; the coverage and missed-interest triggers watch it.</summary>
    Senior = 0,

    /// <summary>中间级: paid after the senior tranche, cut off first when the pool accelerates.</summary>
    Mezzanine = 1,

    /// <summary>次级: the residual, usually kept by the originator; it absorbs losses first.</summary>
    Subordinated = 2,
}
