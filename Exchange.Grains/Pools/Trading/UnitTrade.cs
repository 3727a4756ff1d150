using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>Where a negotiated trade of units is (domain.md §7); stored by number, so values are never reused.</summary>
public enum UnitTradeStatus
{
    /// <summary>The seller offers the units at a price, to a named buyer or to any; the units are set aside for it.</summary>
    Offered = 0,

    /// <summary>A buyer accepted: its price is being put into escrow. Settled once held, or offered again if the hold fails.</summary>
    Accepting = 1,

    /// <summary>Delivered against payment: the units are the buyer's and the price the seller's, together; final.</summary>
    Settled = 2,

    /// <summary>The seller took the offer back; final.</summary>
    Withdrawn = 3,

    /// <summary>Nobody accepted by its expiry; final.</summary>
    Expired = 4,
}

public enum UnitTradeTrigger
{
    Accept = 0,
    HoldFailed = 1,
    Settle = 2,
    Withdraw = 3,
    Expire = 4,
}

/// <summary>
/// A negotiated trade of one tranche's units between investors, settled delivery-versus-payment: the buyer's price is
/// held in escrow (<see cref="HoldId"/>, controlled by the pool), then in one write the units move and the settlement
/// of the hold is owed, so units and money move together or not at all.
/// </summary>
/// <param name="BuyerId">The buyer the seller named, or null for any qualified investor.</param>
/// <param name="AcceptedBy">Who accepted (the named buyer or any other).</param>
[GenerateSerializer, Immutable]
public sealed record UnitTrade(
    [property: Id(0)] Guid TradeId,
    [property: Id(1)] Guid SellerId,
    [property: Id(2)] Guid? BuyerId,
    [property: Id(3)] string TrancheId,
    [property: Id(4)] long Units,
    [property: Id(5)] Money Price,
    [property: Id(6)] UnitTradeStatus Status,
    [property: Id(7)] DateOnly OfferedOn,
    [property: Id(8)] DateOnly ExpiresOn,
    [property: Id(9)] Guid? AcceptedBy,
    [property: Id(10)] Guid? HoldId,
    [property: Id(11)] DateOnly? SettledOn)
{
    public bool IsOpen => UnitTradeLifecycle.IsOpen(Status);
}
