namespace Exchange.Grains.Pools;

/// <summary>Which of its waterfalls a pool runs (domain.md §7).</summary>
public enum PoolState
{
    Normal = 0,

    /// <summary>Early amortization after a trigger: cash goes to senior principal before anything junior.</summary>
    Accelerated = 1,
}
