namespace Exchange.Grains.Pools;

/// <summary>Which way an order in a tranche's <see cref="OrderBook"/> trades units.</summary>
public enum OrderSide
{
    Buy = 0,
    Sell = 1,
}
