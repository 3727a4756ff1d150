namespace Exchange.Grains.Pools;

/// <summary>
/// One step of a pool's waterfall. A waterfall is data, not code (domain.md §7): an ordered list of these per pool
/// state, run by <see cref="WaterfallEngine"/>; each step pays at most the cash left and at most what it is due.
/// </summary>
public abstract record WaterfallStep;
