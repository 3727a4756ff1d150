using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// Room for one more open offer or order: fewer open than the pool takes, and fewer of them the investor's own than one
/// investor may hold, so that no one fills every slot alone.
/// </summary>
internal static class TradingRoom
{
    /// <exception cref="DomainException">pool-trading-full, in the words <paramref name="poolFull"/> or <paramref name="ownFull"/> give the count.</exception>
    public static void Ensure<T>(IEnumerable<T> open, Func<T, bool> isOwn, int poolLimit, int ownLimit, Func<int, string> poolFull, Func<int, string> ownFull)
    {
        var all = open.ToList();
        if (all.Count >= poolLimit)
        {
            throw new DomainException(DomainErrors.PoolTradingFull, poolFull(all.Count));
        }
        var own = all.Count(isOwn);
        if (own >= ownLimit)
        {
            throw new DomainException(DomainErrors.PoolTradingFull, ownFull(own));
        }
    }
}
