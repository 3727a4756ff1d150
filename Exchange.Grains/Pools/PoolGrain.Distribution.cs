using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pools;

/// <summary>
/// Each distribution date (domain.md §7): the royalties collected since the last are read from the collection account,
/// the waterfall engine runs, and every fee and every holder of every tranche is paid in one balanced posting, with
/// the period's report kept. A trigger switches the next period's waterfall. After the last date (or once every unit is
/// repaid) the pool is redeemed: the receivables' royalties go back to their owners, and what is left is paid out as
/// it is wound up and closed.
/// </summary>
internal sealed partial class PoolGrain
{
    private const string WindUpStep = "wind-up";

    public async Task<PoolSnapshot> Distribute(Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Definition;
        RequireOriginatorOrOperator(actor, "run the pool's distributions");
        if (!_lifecycle.HasHolders && !_lifecycle.IsFinal)
        {
            _lifecycle.EnsureDistributes(); // not issued: refused, naming the status
        }
        // Every date that has come, in order: a silo down over a date catches up, each period on its own.
        while (_lifecycle.CanDistribute && PoolFacts.NextDate(State) is { } due && due <= Today)
        {
            await DistributeNextAsync(actor);
        }
        await WindUpIfDueAsync(actor);
        return Snapshot();
    }

    private async Task DistributeNextAsync(Actor actor)
    {
        var definition = Definition;
        var index = State.Periods.Count;
        var last = index == definition.DistributionDates.Count - 1;
        var terms = PoolFacts.Terms(State);
        var balances = State.Balances!;
        var period = PoolStructure.Period(definition, terms, State.IssuedOn!.Value, index);
        var read = await ReadCollectionsAsync(period.End);
        var collections = read.Collected;
        if (last)
        {
            // At maturity the reserve has nothing left to protect: it joins the collections and the waterfall pays it out.
            (terms, balances, collections) = (terms with { ReserveTarget = Money.Zero }, balances with { Reserve = Money.Zero }, collections + balances.Reserve);
        }
        var report = WaterfallEngine.Run(terms, balances, period, collections);
        var payout = PoolDistribution.Pay(definition, report, State.Holdings);
        var postingId = $"pool:{Id:N}:distribution:{period.End:yyyyMMdd}";
        State.Balances = report.BalancesAfter;
        State.CollectionsReadThrough = read.ReadThrough;
        State.SchemaVersion = PoolRecord.CurrentSchema;
        State.Periods.Add(PoolPeriod.Of(index + 1, report, payout.Parts.Count > 0 ? postingId : null, payout.HoldersPaid));
        List<FollowUp> owed =
        [
            Audit($"distribution:{period.End:yyyyMMdd}", actor, $"distribution of {period.End:yyyy-MM-dd}: {report.Collections} collected, {report.PaidOut} paid to {payout.HoldersPaid} holder(s) and the fees, "
                + $"reserve {report.ReserveBalance}, {report.RetainedCash} retained; next under the {(report.NextState == PoolState.Accelerated ? "accelerated" : "normal")} waterfall"),
            new PayOutOfPool(Id, postingId, payout.Parts, $"pool {Id} distribution of {period.End:yyyy-MM-dd}"),
            new RecordPoolHolderFlows(Id, PoolHolderFlows.Of(payout, $"distribution:{period.End:yyyyMMdd}", period.End, PoolCashFlowKind.Distribution, postingId)),
        ];
        if (report.NextState == PoolState.Normal)
        {
            _lifecycle.Cure(); // a curable trigger no longer holds (or none did): the normal waterfall
        }
        else if (_lifecycle.Accelerate())
        {
            owed.Add(Audit($"accelerated:{period.End:yyyyMMdd}", actor, $"a trigger held ({string.Join(", ", report.Triggers.Where(t => t.Breached).Select(t => t.TriggerId))}): from the next date the accelerated waterfall pays senior principal first"));
        }
        if (last || report.BalancesAfter.OutstandingPrincipal == Money.Zero)
        {
            _lifecycle.Redeem();
            owed.AddRange(RedemptionOwed(actor, report.BalancesAfter.OutstandingPrincipal));
        }
        await _runner.CommitAsync(owed);
    }

    /// <summary>The royalties credited to the collection account since the last date counted, through this date (<see cref="PoolCollections"/>).</summary>
    private async Task<CollectionsRead> ReadCollectionsAsync(DateOnly through)
    {
        var ledger = GrainFactory.GetGrain<ILedgerQueryGrain>(0);
        var account = AccountId.ForPoolCollection(Id);
        var countedBefore = State.CollectionsReadThrough is null && State.Periods.Count > 0 ? State.Periods[^1].End : (DateOnly?)null;
        var read = CollectionsRead.From(State.CollectionsReadThrough);
        while (!read.Complete)
        {
            var page = await ledger.GetStatement(account, read.ReadThrough ?? 0, PoolCollections.PageSize);
            read = PoolCollections.Count(read, page.Lines, Id, through, countedBefore);
            read = page.NextCursor is null ? read with { Complete = true } : read;
        }
        return read;
    }

    /// <summary>
    /// Redeemed: the royalties keep coming to the pool for <see cref="PoolRecord.RoyaltyTailDays"/> days — the last
    /// periods' royalties are reported and paid after the date, and they are the investors' — then it winds up.
    /// </summary>
    private IEnumerable<FollowUp> RedemptionOwed(Actor actor, Money unpaid)
    {
        State.WindUpOn = Today.AddDays(PoolRecord.RoyaltyTailDays);
        return [Audit("redeemed", actor, (unpaid == Money.Zero ? "every unit repaid" : $"matured with {unpaid} of principal unpaid")
            + $"; the royalties still to come are collected until {State.WindUpOn:yyyy-MM-dd}, then paid out as the pool winds up")];
    }

    /// <summary>The tail after redemption has run: the pool winds up (by the daily check, or the distributions command).</summary>
    private async Task WindUpIfDueAsync(Actor actor)
    {
        if (_lifecycle.IsRedeemed && State.WindUpOn is { } due && Today >= due && !State.WindingUp)
        {
            State.WindingUp = true;
            await _runner.CommitAsync([Audit("winding-up", actor, "the royalty tail has run: the royalties go back to their licensors and the pool winds up"), .. WindingUpOwed()]);
        }
    }

    /// <summary>Redeemed or called: the royalties go back to the licensors, the licences are free of the pool, then it winds up.</summary>
    private IEnumerable<FollowUp> WindingUpOwed() =>
    [
        .. State.Receivables.Select(FollowUp (l) => new AssignPooledRoyalties(l, Id, Assign: false)),
        .. State.Receivables.Select(FollowUp (l) => new HoldPooledRoyalties(l, Id, Held: false)),
        new ContinueLocally(WindUpStep),
    ];

    /// <summary>
    /// The clean-up call: once the outstanding principal is below the call share of the original, the originator buys
    /// the receivables back by paying what the investors are still owed, interest to the day included (less the cash the pool holds). Its payment
    /// comes first — refused, nothing changes; a retry with the same call repeats it once — then in one write the pool
    /// is called and owes the payout to every holder, the end of the royalty assignments and its winding up.
    /// </summary>
    public async Task<PoolSnapshot> Call(Guid callId, Actor originator)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        RequireOriginator(originator, "exercises the clean-up call");
        if (State.CallId == callId)
        {
            return Snapshot(); // a repeat, even once the pool has wound up and closed
        }
        if (!_lifecycle.CanCall)
        {
            _lifecycle.Call(); // called already: a repeat; otherwise refused, naming the status or the unmet guard
            return Snapshot();
        }
        var balances = State.Balances!;
        var day = CallDay.Of(definition, State.Periods.Count > 0 ? State.Periods[^1].End : State.IssuedOn!.Value, Today);
        var price = PoolDistribution.CallPrice(definition, balances, day);
        if (price.Fen > 0)
        {
            await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(originator.ParticipantId))
                .Distribute($"pool:{Id:N}:call-payment", [new DistributionPart(AccountId.ForPoolCollection(Id), price)], $"clean-up call of pool {Id}", originator);
        }
        var payout = PoolDistribution.Call(definition, balances, State.Holdings, day);
        var postingId = $"pool:{Id:N}:call";
        _lifecycle.Call();
        State.CallId = callId;
        State.Balances = PoolDistribution.AfterCall(definition, balances, day);
        State.EndReason = $"called by the originator for {price}";
        State.WindingUp = true; // the receivables are the originator's again from the call: no royalty tail
        await _runner.CommitAsync([
            Audit("called", originator, $"clean-up call: the originator paid {price}; {payout.Total} paid to the holders and the fees"),
            new PayOutOfPool(Id, postingId, payout.Parts, $"pool {Id} clean-up call"),
            new RecordPoolHolderFlows(Id, PoolHolderFlows.Of(payout, "call", Today, PoolCashFlowKind.Distribution, postingId)),
            .. WindingUpOwed()]);
        return Snapshot();
    }

    public async Task ContinueAsync(string step)
    {
        if (step != WindUpStep || _lifecycle.IsFinal)
        {
            return;
        }
        // The pool stops trading for good: open offers and orders end (a buy order's money back) before it closes and
        // its daily check stops.
        await ReviewTradesAsync();
        await ReviewOrdersAsync();
        // The royalties stopped arriving (their assignment ended before this step): what the account holds now is all there is.
        var left = (await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForPoolCollection(Id)).GetBalances()).Available;
        var payout = PoolDistribution.WindUp(left, Definition, State.Balances!, State.Holdings, State.OriginatorId);
        var postingId = $"pool:{Id:N}:wind-up";
        _lifecycle.Close();
        State.EndReason ??= left.Fen > 0 ? $"wound up; {left} left in the collection account paid out" : "wound up";
        await _runner.CommitAsync([
            Audit("closed", Actor.System, $"wound up: {left} paid out of the collection account"),
            new PayOutOfPool(Id, postingId, payout.Parts, $"pool {Id} wound up"),
            new RecordPoolHolderFlows(Id, PoolHolderFlows.Of(payout, "wind-up", Today, PoolCashFlowKind.WindUp, postingId)),
            new SetWakeup(WakeupKinds.Pool, Id.ToString("N"), false)]);
        await Deadlines.StopAsync(this);
    }
}
