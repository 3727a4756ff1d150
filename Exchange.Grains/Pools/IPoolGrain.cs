using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>
/// A securitization pool (domain.md §7), keyed by an id derived from its originator's Idempotency-Key. It owns its
/// structure, subscriptions, register of holders and waterfall; every command is idempotent (a repeat answers the
/// pool as it stands) and refuses with the rule it breaks.
/// </summary>
[Alias("exchange.pool")]
public interface IPoolGrain : IGrainWithGuidKey
{
    [Alias("try-get")]
    Task<PoolSnapshot?> TryGet();

    /// <summary>An operating agency structures the pool; a repeat with the same structure answers it, another structure is refused.</summary>
    [Alias("structure")]
    Task<PoolSnapshot> Structure(PoolDefinition definition, Actor originator);

    /// <summary>The originator sells a licence's royalty receivable into the pool while it is structured; each ineligible one refused with its own type.</summary>
    [Alias("assign-receivable")]
    Task<PoolSnapshot> AssignReceivable(Guid licenseId, Actor originator);

    [Alias("remove-receivable")]
    Task<PoolSnapshot> RemoveReceivable(Guid licenseId, Actor originator);

    /// <summary>The window opens; every receivable is checked again and must be held for this pool.</summary>
    [Alias("open-subscription")]
    Task<PoolSnapshot> OpenSubscription(Actor originator);

    /// <summary>A qualified investor subscribes units of a tranche; their price is held in escrow until the pool is issued or cancelled.</summary>
    [Alias("subscribe")]
    Task<PoolPosition> Subscribe(Guid subscriptionId, string trancheId, long units, Actor investor);

    /// <summary>
    /// After the window closes (the originator, the operator, or the pool's own daily check): allots and issues, paying
    /// the originator and refunding what was not allotted; or, undersubscribed, cancels and refunds everyone.
    /// </summary>
    [Alias("close-subscription")]
    Task<PoolSnapshot> CloseSubscription(Actor actor);

    /// <summary>The originator (or the operator) withdraws the pool before issue; every subscriber is refunded in full.</summary>
    [Alias("cancel")]
    Task<PoolSnapshot> Cancel(Actor actor);

    /// <summary>Runs the waterfall for every distribution date that has come (the operator, or the pool's own daily check).</summary>
    [Alias("distribute")]
    Task<PoolSnapshot> Distribute(Actor actor);

    /// <summary>The originator's clean-up call, once the outstanding principal is below its share of the original: it pays off the investors and the pool winds up.</summary>
    [Alias("call")]
    Task<PoolSnapshot> Call(Guid callId, Actor originator);

    [Alias("periods")]
    Task<IReadOnlyList<PoolPeriod>> GetPeriods();

    [Alias("position")]
    Task<PoolPosition> GetPosition(Guid investorId);

    /// <summary>A holder offers units of a tranche at a price, to a named buyer or any qualified investor, until a day; they are set aside for it.</summary>
    [Alias("offer-units")]
    Task<UnitTrade> OfferUnits(Guid tradeId, string trancheId, long units, Money price, Guid? buyerId, DateOnly expiresOn, Actor seller);

    /// <summary>A buyer accepts: its price is held in escrow, then the units and the money move together (delivery versus payment).</summary>
    [Alias("accept-trade")]
    Task<UnitTrade> AcceptTrade(Guid tradeId, Actor buyer);

    [Alias("withdraw-trade")]
    Task<UnitTrade> WithdrawTrade(Guid tradeId, Actor seller);

    [Alias("trades")]
    Task<IReadOnlyList<UnitTrade>> GetTrades();

    /// <summary>
    /// A limit order in the continuous book, only where the exchange switched it on (else <c>order-book-disabled</c>): a
    /// buy order's money is paid into the order escrow first; the order meets the book at once and rests for the day.
    /// </summary>
    [Alias("place-order")]
    Task<PoolOrder> PlaceOrder(Guid orderId, string trancheId, OrderSide side, long units, Money limitPricePerUnit, Actor investor);

    [Alias("cancel-order")]
    Task<PoolOrder> CancelOrder(Guid orderId, Actor actor);

    [Alias("orders")]
    Task<IReadOnlyList<PoolOrder>> GetOrders();

    /// <summary>The pool run forward on its projected collections scaled by a factor, moving nothing.</summary>
    [Alias("scenario")]
    Task<IReadOnlyList<PoolPeriod>> Scenario(decimal collectionsFactor);
}
