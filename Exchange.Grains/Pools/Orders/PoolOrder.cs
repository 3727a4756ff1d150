using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>Where a limit order in a pool's book is; stored by number, so values are never reused.</summary>
public enum PoolOrderStatus
{
    /// <summary>A buy order whose money is being paid into the pool's order escrow; it joins the book once paid.</summary>
    Funding = 0,

    /// <summary>In the book, waiting for a counterparty: a sell order's units and a buy order's money are set aside.</summary>
    Resting = 1,

    /// <summary>Every unit traded; final.</summary>
    Filled = 2,

    /// <summary>Taken back by its investor, refused its money, or ended because the pool stopped trading; final.</summary>
    Cancelled = 3,

    /// <summary>Not filled by the end of the trading day it was placed on (orders are good for the day); final.</summary>
    Expired = 4,
}

public enum PoolOrderTrigger
{
    Fund = 0,
    Fill = 1,
    Cancel = 2,
    Expire = 3,
}

/// <summary>
/// A limit order for one tranche's units in the pool's continuous book (behind <see cref="PoolTradingOptions.OrderBookEnabled"/>).
/// A buy order's money — its units at its limit — is paid into the pool's order escrow before it joins the book
/// (<see cref="PaymentId"/>), so every fill is delivery versus payment: the units move and the seller's payment is owed
/// in one write. <see cref="Units"/> is what is still unfilled; <see cref="Sequence"/> its place in time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolOrder(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Guid InvestorId,
    [property: Id(2)] string TrancheId,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] long UnitsOrdered,
    [property: Id(5)] long Units,
    [property: Id(6)] Money LimitPricePerUnit,
    [property: Id(7)] long Sequence,
    [property: Id(8)] DateOnly PlacedOn,
    [property: Id(9)] PoolOrderStatus Status,
    [property: Id(10)] Guid? PaymentId)
{
    public bool IsOpen => PoolOrderLifecycle.IsOpen(Status);

    /// <summary>What the order escrow holds for a paid buy order: its unfilled units at its limit (a fill's price improvement is refunded as it fills).</summary>
    public Money Escrowed => Side == OrderSide.Buy ? new Money(checked(Units * LimitPricePerUnit.Fen)) : Money.Zero;

    public Order ForBook() => new(OrderId, InvestorId, Side, Units, LimitPricePerUnit, Sequence);
}
