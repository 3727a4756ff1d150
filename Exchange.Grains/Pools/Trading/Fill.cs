using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>One trade between a buy and a sell order, at the resting order's price.</summary>
public sealed record Fill(Guid BuyOrderId, Guid SellOrderId, Guid BuyerId, Guid SellerId, long Units, Money PricePerUnit)
{
    /// <summary>What the buyer pays the seller: units × price, exact in fen (the book refuses orders whose value could overflow).</summary>
    public Money Amount => new(checked(Units * PricePerUnit.Fen));
}
