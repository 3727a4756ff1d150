using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.PatentTransfers;

namespace Exchange.Grains.Pools;

/// <summary>
/// Negotiated trades of units between investors, settled delivery-versus-payment (domain.md §7): a holder offers units
/// at a price, a named or any qualified buyer accepts, the buyer's price is held in escrow, and in one write the units
/// move and the settlement of the hold is owed. A trade left being paid for when a silo died is finished (the hold is
/// there) or offered again (it is not) by the buyer's retry or the pool's daily check.
/// </summary>
internal sealed partial class PoolGrain
{
    private TradingCalendar Calendar => _calendar ??= new TradingCalendar(trading.Value.Holidays);

    /// <summary>The holder limit's count: everyone who ever held units, and the new investors with buy orders open.</summary>
    private IReadOnlySet<Guid> HolderSlots => PoolOrderRules.HolderSlots(State.HoldersEver, State.Orders);

    public async Task<UnitTrade> OfferUnits(Guid tradeId, string trancheId, long units, Money price, Guid? buyerId, DateOnly expiresOn, Actor seller)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        if (State.Trades.FirstOrDefault(t => t.TradeId == tradeId) is { } known)
        {
            return known.SellerId == seller.ParticipantId && known.TrancheId == trancheId && known.Units == units && known.Price == price && known.BuyerId == buyerId ? known
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Trade {tradeId} was offered with other terms.");
        }
        _lifecycle.EnsureTrades();
        PoolOrderRules.EnsureNoOpposingOrder(State.Orders, seller.ParticipantId, trancheId, OrderSide.Sell);
        UnitTradeRules.EnsureMayOffer(definition, State.Holdings, State.Trades, State.Orders, seller.ParticipantId, trancheId, units, price, buyerId, expiresOn, Today, Calendar);
        var trade = new UnitTrade(tradeId, seller.ParticipantId, buyerId, trancheId, units, price, UnitTradeStatus.Offered, Today, expiresOn, null, null, null);
        State.Trades.Add(trade);
        PoolRecord.TrimFinishedTrades(State.Trades);
        await _runner.CommitAsync(Audit($"trade-offered:{tradeId:N}", seller, $"{units} units of tranche {trancheId} offered for {price}{(buyerId is { } b ? $" to {b}" : " to any qualified investor")} until {expiresOn:yyyy-MM-dd}"));
        return trade;
    }

    public async Task<UnitTrade> AcceptTrade(Guid tradeId, Actor buyer)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        var trade = Trade(tradeId);
        if (trade.AcceptedBy is { } accepter && accepter != buyer.ParticipantId)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Trade {tradeId} was accepted by another buyer.");
        }
        if (!trade.IsOpen)
        {
            new TradeInLife(trade, Today).Lifecycle.Accept(); // settled for this buyer: a repeat; withdrawn or expired: refused
            return trade;
        }
        if (new TradeInLife(trade, Today).Lifecycle.AwaitsBuyer)
        {
            _lifecycle.EnsureTrades();
            PoolOrderRules.EnsureNoOpposingOrder(State.Orders, buyer.ParticipantId, trade.TrancheId, OrderSide.Buy);
            UnitTradeRules.EnsureMayBuy(definition, State.Holdings, HolderSlots, State.LastSales, trade, buyer.ParticipantId, Today, Calendar);
            await EnsureQualifiedAsync(buyer.ParticipantId, definition.Tranche(trade.TrancheId));
            var life = new TradeInLife(trade, Today);
            life.Lifecycle.Accept();
            trade = Replace(trade, life.Current with
            {
                AcceptedBy = buyer.ParticipantId,
                HoldId = DeterministicId.From("pool-trade-hold", Id.ToString("N"), tradeId.ToString("N"), buyer.ParticipantId.ToString("N")),
            });
            // Written before the money is held: a crash in between is finished or undone, never left holding money unknown.
            await _runner.CommitAsync(Audit($"trade-accepted:{tradeId:N}", buyer, $"accepted by {buyer.ParticipantId}; {trade.Price} to be held in escrow"));
        }
        if (new TradeInLife(trade, Today).Lifecycle.AwaitsPayment)
        {
            _lifecycle.EnsureTrades(); // a retry after the pool stopped trading: its daily check releases the hold
            trade = await PayForTradeAsync(trade, buyer);
        }
        return trade;
    }

    /// <summary>The buyer's price into escrow, then the delivery: units and the settlement of the money in one write.</summary>
    private async Task<UnitTrade> PayForTradeAsync(UnitTrade trade, Actor buyer)
    {
        var request = new TransferRequest(trade.AcceptedBy!.Value, AccountId.ForParticipant(trade.SellerId), trade.Price, TransferMode.Hold,
            $"purchase of {trade.Units} units of tranche {trade.TrancheId} of pool {Id}", $"pool-trade:{Id:N}:{trade.TradeId:N}", $"pool:{Id:N}");
        TransferSnapshot hold;
        try
        {
            hold = await GrainFactory.GetGrain<ITransferGrain>(trade.HoldId!.Value).Execute(request, buyer);
        }
        catch (DomainException refused)
        {
            await ReopenAsync(trade, buyer, $"not paid for ({refused.Message}); offered again");
            throw;
        }
        if (!TransferLifecycle.HoldsFunds(hold.Status))
        {
            // Only money held now pays for these units: a transfer of that id already settled or released belongs to an earlier trade.
            await ReopenAsync(trade, buyer, $"its hold {hold.TransferId} is {hold.Status}, not holding the price; offered again");
            throw new DomainException(DomainErrors.InvalidTransition, $"Trade {trade.TradeId}'s payment {hold.TransferId} is {hold.Status}; accept the offer again.");
        }
        // The rules once more as the units move: the register may have changed while the price was being held.
        UnitTradeRules.EnsureMayBuy(Definition, State.Holdings, HolderSlots, State.LastSales, trade, trade.AcceptedBy.Value, Today, Calendar);
        return await DeliverAsync(trade, buyer);
    }

    private async Task<UnitTrade> DeliverAsync(UnitTrade trade, Actor actor)
    {
        var buyerId = trade.AcceptedBy!.Value;
        State.Holdings = UnitTradeRules.Deliver(State.Holdings, trade, buyerId, Today);
        State.HoldersEver.Add(buyerId);
        State.LastSales[UnitTradeRules.SaleKey(trade.SellerId, trade.TrancheId)] = Today;
        var life = new TradeInLife(trade, Today);
        life.Lifecycle.Settle();
        var settled = Replace(trade, life.Current with { SettledOn = Today });
        var postingId = TransferAuditTrail.PostingId(trade.HoldId!.Value, PostingKind.Settle);
        await _runner.CommitAsync(
            Audit($"trade-settled:{trade.TradeId:N}", actor, $"{trade.Units} units of tranche {trade.TrancheId} delivered from {trade.SellerId} to {buyerId} against {trade.Price}"),
            new SettleEscrow(trade.HoldId.Value),
            new RecordPoolCashFlows(Id, buyerId, [new PoolCashFlow($"trade:{trade.TradeId:N}", Today, PoolCashFlowKind.Purchase, -trade.Price, trade.TrancheId, trade.Units, postingId)]),
            new RecordPoolCashFlows(Id, trade.SellerId, [new PoolCashFlow($"trade:{trade.TradeId:N}", Today, PoolCashFlowKind.Sale, trade.Price, trade.TrancheId, -trade.Units, postingId)]));
        return settled;
    }

    public async Task<UnitTrade> WithdrawTrade(Guid tradeId, Actor seller)
    {
        await _runner.ResumeAsync();
        var trade = Trade(tradeId);
        if (trade.SellerId != seller.ParticipantId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {seller.ParticipantId} is not trade {tradeId}'s seller.");
        }
        var life = new TradeInLife(trade, Today);
        if (life.Lifecycle.Withdraw())
        {
            trade = Replace(trade, life.Current);
            await _runner.CommitAsync(Audit($"trade-withdrawn:{tradeId:N}", seller, "offer withdrawn"));
        }
        return trade;
    }

    public Task<IReadOnlyList<UnitTrade>> GetTrades() => Task.FromResult<IReadOnlyList<UnitTrade>>([.. State.Trades]);

    /// <summary>The daily check: offers past their expiry expire; a trade left being paid for is finished or offered again.</summary>
    private async Task ReviewTradesAsync()
    {
        foreach (var trade in State.Trades.Where(t => t.IsOpen).ToArray())
        {
            if (!_lifecycle.IsIssued)
            {
                await EndTradeAsync(trade, "the pool no longer trades");
                continue;
            }
            if (new TradeInLife(trade, Today).Lifecycle.AwaitsPayment)
            {
                var hold = await GrainFactory.GetGrain<ITransferGrain>(trade.HoldId!.Value).TryGet();
                if (hold is not null && TransferLifecycle.HoldsFunds(hold.Status))
                {
                    try
                    {
                        UnitTradeRules.EnsureMayBuy(Definition, State.Holdings, HolderSlots, State.LastSales, trade, trade.AcceptedBy!.Value, Today, Calendar);
                    }
                    catch (DomainException refused)
                    {
                        await ReopenAsync(trade, Actor.System, $"no longer allowed ({refused.Message}); offered again");
                        continue;
                    }
                    await DeliverAsync(trade, Actor.System);
                    continue;
                }
                await ReopenAsync(trade, Actor.System, "its buyer's price was never held; offered again");
                continue;
            }
            var life = new TradeInLife(trade, Today);
            if (life.Lifecycle.CanExpire && life.Lifecycle.Expire())
            {
                Replace(trade, life.Current);
                await _runner.CommitAsync(Audit($"trade-expired:{trade.TradeId:N}", Actor.System, $"not accepted by {trade.ExpiresOn:yyyy-MM-dd}"));
            }
        }
    }

    private UnitTrade Trade(Guid tradeId) => State.Trades.FirstOrDefault(t => t.TradeId == tradeId)
        ?? throw new DomainException(DomainErrors.PoolTradeNotFound, $"Pool {Id} has no trade {tradeId}.");

    private UnitTrade Replace(UnitTrade old, UnitTrade updated)
    {
        State.Trades[State.Trades.IndexOf(old)] = updated;
        return updated;
    }

    /// <summary>The buyer's price was not held: the trade is offered again, to whoever it was offered to; a hold that is there after all goes back.</summary>
    private async Task<UnitTrade> ReopenAsync(UnitTrade trade, Actor actor, string why)
    {
        var life = new TradeInLife(trade, Today);
        life.Lifecycle.HoldFailed();
        var reopened = Replace(trade, life.Current with { AcceptedBy = null, HoldId = null });
        await _runner.CommitAsync(Audit($"trade-unpaid:{trade.TradeId:N}:{trade.HoldId:N}:{Now.UtcTicks}", actor, why), new ReleaseEscrow(trade.HoldId!.Value));
        return reopened;
    }

    /// <summary>The pool was redeemed, called or closed: an open offer is withdrawn, and a buyer's price being held goes back.</summary>
    private async Task EndTradeAsync(UnitTrade trade, string why)
    {
        if (new TradeInLife(trade, Today).Lifecycle.AwaitsPayment)
        {
            trade = await ReopenAsync(trade, Actor.System, why);
        }
        var life = new TradeInLife(trade, Today);
        life.Lifecycle.Withdraw();
        Replace(trade, life.Current);
        await _runner.CommitAsync(Audit($"trade-ended:{trade.TradeId:N}", Actor.System, why));
    }
}
