using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Pools;

/// <summary>
/// The continuous order book, only where the exchange switches it on (<see cref="PoolTradingOptions.OrderBookEnabled"/>;
/// domain.md §7 says why it is off by default). A buy order's money is paid into the pool's order escrow before the
/// order joins the book — written first, so a crash in between is finished by the retry or the daily check — and each
/// fill is delivery versus payment: in one write the units move and the escrow's payment to the seller is owed.
/// Orders are good for the day: the daily check expires what is left and refunds its money.
/// </summary>
internal sealed partial class PoolGrain
{
    public async Task<PoolOrder> PlaceOrder(Guid orderId, string trancheId, OrderSide side, long units, Money limitPricePerUnit, Actor investor)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        if (State.Orders.FirstOrDefault(o => o.OrderId == orderId) is { } known)
        {
            return known.InvestorId == investor.ParticipantId && known.TrancheId == trancheId && known.Side == side && known.UnitsOrdered == units && known.LimitPricePerUnit == limitPricePerUnit
                ? await ResumeOrderAsync(known, investor)
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Order {orderId} was placed with other terms.");
        }
        PoolOrderRules.EnsureValid(definition, trancheId, side, units, limitPricePerUnit);
        if (!trading.Value.OrderBookEnabled)
        {
            throw new DomainException(DomainErrors.OrderBookDisabled, "The exchange does not match pool units continuously: offer them in a negotiated trade (POST /api/pools/{poolId}/trades).");
        }
        _lifecycle.EnsureTrades();
        PoolOrderRules.EnsureMayPlace(definition, State.Holdings, State.Trades, State.Orders, State.HoldersEver, State.LastSales, investor.ParticipantId, trancheId, side, units, limitPricePerUnit, Today, Calendar);
        if (side == OrderSide.Buy)
        {
            await EnsureQualifiedAsync(investor.ParticipantId, definition.Tranche(trancheId));
        }
        // The payment is named by the order and its placement number: an order id replayed after the pool forgot the
        // finished order (and the API its key) is a new order with a payment of its own, never a repeat of the old one's.
        var placement = ++State.OrderSequence;
        var order = new PoolOrder(orderId, investor.ParticipantId, trancheId, side, units, units, limitPricePerUnit, placement, Today, PoolOrderStatus.Funding,
            side == OrderSide.Buy ? DeterministicId.From("pool-order-payment", Id.ToString("N"), orderId.ToString("N"), placement.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
        State.Orders = PoolRecord.TrimFinishedOrders([.. State.Orders, order]);
        if (side == OrderSide.Sell)
        {
            return await RestAsync(order, investor, $"sell {units} units of tranche {trancheId} at {limitPricePerUnit} or more each");
        }
        // Written before the money moves: a crash in between is finished by the retry or the daily check.
        await _runner.CommitAsync(Audit($"order-placed:{orderId:N}", investor, $"buy {units} units of tranche {trancheId} at {limitPricePerUnit} or less each; {Escrow(order)} to be paid into the order escrow"));
        return await FundAsync(order, investor);
    }

    /// <summary>A repeat of an order: finished where its first attempt stopped (its money being paid), else answered as it stands.</summary>
    private async Task<PoolOrder> ResumeOrderAsync(PoolOrder order, Actor investor)
    {
        var life = new OrderInLife(order, Today).Lifecycle;
        if (!life.AwaitsFunds)
        {
            return order;
        }
        if (life.CanExpire || !_lifecycle.IsIssued || !trading.Value.OrderBookEnabled)
        {
            // Too late to join the book: nothing more is paid; what was paid goes back.
            var paid = await PaidAsync(order);
            return await EndOrderAsync(order, investor, "placed again after its day or after the pool stopped trading", refund: paid);
        }
        return await FundAsync(order, investor);
    }

    private static Money Escrow(PoolOrder order) => new(checked(order.UnitsOrdered * order.LimitPricePerUnit.Fen));

    /// <summary>The buy order's money into the order escrow, then the book; refused (funds, KYC), the order is cancelled.</summary>
    private async Task<PoolOrder> FundAsync(PoolOrder order, Actor investor)
    {
        var request = new TransferRequest(order.InvestorId, AccountId.ForPoolOrders(Id), Escrow(order), TransferMode.Immediate,
            $"buy order {order.OrderId} for {order.UnitsOrdered} units of tranche {order.TrancheId} of pool {Id}", $"pool-order:{Id:N}:{order.OrderId:N}");
        TransferSnapshot payment;
        try
        {
            payment = await GrainFactory.GetGrain<ITransferGrain>(order.PaymentId!.Value).Execute(request, investor);
        }
        catch (DomainException refused)
        {
            await EndOrderAsync(order, investor, $"not placed: {refused.Message}", refund: false);
            throw;
        }
        return TransferLifecycle.IsSettled(payment.Status)
            ? await RestAsync(order, investor, $"{Escrow(order)} in the order escrow")
            : throw new DomainException(DomainErrors.InvalidTransition, $"Order {order.OrderId}'s payment {payment.TransferId} is {payment.Status}; it joins the book once paid.");
    }

    /// <summary>The order joins the book and meets it: every fill's units and the escrow's payments owed in one write.</summary>
    private async Task<PoolOrder> RestAsync(PoolOrder order, Actor actor, string what)
    {
        var life = new OrderInLife(order, Today);
        life.Lifecycle.Fund();
        // Its place in time is taken as it joins the book (orders placed while it was being paid for are ahead of it),
        // and the book is worked on copies: nothing changes in the state unless the whole execution is committed.
        var sequence = State.OrderSequence + 1;
        var resting = life.Current with { Sequence = sequence };
        var postingId = $"pool:{Id:N}:order:{order.OrderId:N}:{sequence}";
        var execution = PoolOrderRules.Execute([.. State.Orders.Select(o => o.OrderId == order.OrderId ? resting : o)], resting, State.Holdings, Today, postingId);
        State.OrderSequence = sequence;
        State.Orders = [.. execution.Orders];
        State.Holdings = [.. execution.Holdings];
        foreach (var fill in execution.Fills)
        {
            State.HoldersEver.Add(fill.BuyerId);
            State.LastSales[UnitTradeRules.SaleKey(fill.SellerId, order.TrancheId)] = Today;
        }
        var filled = execution.Fills.Sum(f => f.Units);
        await _runner.CommitAsync([
            Audit($"order-rests:{order.OrderId:N}", actor, $"order {order.OrderId} in the book ({what}); {filled} units filled in {execution.Fills.Count} trade(s) against {execution.Paid} paid out of the order escrow"),
            new PayOutOfOrderEscrow(Id, postingId, execution.Payments, $"pool {Id} order {order.OrderId}"),
            .. execution.Flows.Select(FollowUp (f) => new RecordPoolCashFlows(Id, f.InvestorId, [f.Flow]))]);
        return State.Orders.Single(o => o.OrderId == order.OrderId);
    }

    /// <summary>The investor takes its resting order back, or the operator ends it for the venue; a buy order's money goes back from the escrow.</summary>
    public async Task<PoolOrder> CancelOrder(Guid orderId, Actor actor)
    {
        await _runner.ResumeAsync();
        var order = State.Orders.FirstOrDefault(o => o.OrderId == orderId) ?? throw new DomainException(DomainErrors.PoolOrderNotFound, $"Pool {Id} has no order {orderId}.");
        var byInvestor = order.InvestorId == actor.ParticipantId;
        if (!byInvestor && !actor.IsOperator())
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} did not place order {orderId}.");
        }
        if (new OrderInLife(order, Today).Lifecycle.AwaitsFunds)
        {
            // Its payment may still be on its way: repeating the order finishes it, and the day's end settles it either way.
            throw new DomainException(DomainErrors.InvalidTransition, $"Order {orderId} is being paid for: place it again with the same Idempotency-Key to finish it; an order not in the book by the end of its day ends.");
        }
        return await EndOrderAsync(order, actor, byInvestor ? "cancelled by its investor" : "cancelled by the operator", refund: true);
    }

    public Task<IReadOnlyList<PoolOrder>> GetOrders() => Task.FromResult<IReadOnlyList<PoolOrder>>([.. State.Orders]);

    /// <summary>
    /// The daily check: an order whose day is over expires (its money back), and every order ends once the pool stops
    /// trading. An order left funding by a crash is settled only then, when its payment has long finished one way or the
    /// other: paid, the money goes back; not paid, the order simply ends.
    /// </summary>
    private async Task ReviewOrdersAsync()
    {
        foreach (var order in State.Orders.Where(o => o.IsOpen).ToArray())
        {
            var life = new OrderInLife(order, Today).Lifecycle;
            if (_lifecycle.IsIssued && !life.CanExpire)
            {
                continue;
            }
            var why = _lifecycle.IsIssued ? "expired at the end of its trading day" : "the pool no longer trades";
            try
            {
                var funded = !life.AwaitsFunds || await PaidAsync(order);
                await EndOrderAsync(order, Actor.System, funded ? why : $"{why}; its money was never paid", refund: funded);
            }
            catch (Exception)
            {
                // One order that cannot be ended now (its refund being retried, the ledger busy) must not keep the others
                // or the pool's other daily work waiting: the next check takes it up again.
                break;
            }
        }
    }

    private async Task<bool> PaidAsync(PoolOrder order) =>
        order.PaymentId is { } payment && await GrainFactory.GetGrain<ITransferGrain>(payment).TryGet() is { } transfer && TransferLifecycle.IsSettled(transfer.Status);

    /// <summary>The order ends (cancelled, or expired when its day is over) and, when its money is in the escrow, what the escrow holds for it goes back.</summary>
    private async Task<PoolOrder> EndOrderAsync(PoolOrder order, Actor actor, string why, bool refund)
    {
        var life = new OrderInLife(order, Today);
        var refunded = refund ? PoolOrderRules.Refund(order) : [];
        if (!(life.Lifecycle.CanExpire ? life.Lifecycle.Expire() : life.Lifecycle.Cancel()))
        {
            return order; // already ended: a repeat
        }
        var ended = ReplaceOrder(order, life.Current);
        await _runner.CommitAsync(
            Audit($"order-ended:{order.OrderId:N}", actor, $"order {order.OrderId} {PoolOrderLifecycle.Describe(ended.Status)}: {why}"),
            new PayOutOfOrderEscrow(Id, $"pool:{Id:N}:order:{order.OrderId:N}:{order.Sequence}:refund", refunded, $"pool {Id} order {order.OrderId} refund"));
        return ended;
    }

    private PoolOrder ReplaceOrder(PoolOrder old, PoolOrder updated)
    {
        var index = State.Orders.FindIndex(o => o.OrderId == old.OrderId);
        State.Orders[index] = updated;
        return updated;
    }
}
