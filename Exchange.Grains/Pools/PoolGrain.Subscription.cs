using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;

namespace Exchange.Grains.Pools;

/// <summary>
/// The subscription window (domain.md §7): qualified investors subscribe in lots, their money held in escrow by a
/// transfer the pool controls; at the close the units are allotted and the pool issued — the originator paid, the
/// rest refunded, the receivables' royalties assigned to the collection account — or, undersubscribed, cancelled with
/// every hold released.
/// </summary>
internal sealed partial class PoolGrain
{
    public async Task<PoolPosition> Subscribe(Guid subscriptionId, string trancheId, long units, Actor investor)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        if (State.Subscriptions.FirstOrDefault(s => s.SubscriptionId == subscriptionId) is { } known)
        {
            if (known.InvestorId != investor.ParticipantId || known.TrancheId != trancheId || known.Units != units)
            {
                throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Subscription {subscriptionId} to pool {Id} was made with other terms.");
            }
            if (!known.Held && _lifecycle.HoldsSubscriptions)
            {
                _lifecycle.EnsureTakesSubscriptions(); // the window closed before its money was held: it is released at the close
                await HoldAsync(known, investor);
            }
            return PoolFacts.Position(Id, State, investor.ParticipantId);
        }
        _lifecycle.EnsureTakesSubscriptions();
        var tranche = definition.Tranche(trancheId);
        PoolSubscriptionRules.EnsureAllowed(definition, tranche, units, State.Subscriptions, investor.ParticipantId, PoolRecord.MaxSubscriptions);
        await EnsureQualifiedAsync(investor.ParticipantId, tranche);
        var subscription = new PoolSubscription(subscriptionId, investor.ParticipantId, tranche.Id, units, new Money(checked(tranche.UnitFaceValue.Fen * units)),
            DeterministicId.From("pool-subscription", Id.ToString("N"), subscriptionId.ToString("N")), Held: false, Now);
        // Written before the money is held: a crash in between is finished by the retry, or released at the close.
        State.Subscriptions.Add(subscription);
        await _runner.CommitAsync(Audit($"subscription:{subscriptionId:N}", investor, $"{units} units of tranche {tranche.Id} subscribed for {subscription.Amount}"));
        await HoldAsync(subscription, investor);
        return PoolFacts.Position(Id, State, investor.ParticipantId);
    }

    /// <summary>The subscription's price into escrow; refused (funds, KYC), the subscription is not taken.</summary>
    private async Task HoldAsync(PoolSubscription subscription, Actor investor)
    {
        var request = new TransferRequest(subscription.InvestorId, AccountId.ForPoolCollection(Id), subscription.Amount, TransferMode.Hold,
            $"subscription to pool {Id}: {subscription.Units} units of tranche {subscription.TrancheId}", $"pool-subscription:{Id:N}:{subscription.SubscriptionId:N}", $"pool:{Id:N}");
        try
        {
            await GrainFactory.GetGrain<ITransferGrain>(subscription.HoldId).Execute(request, investor);
        }
        catch (DomainException refused)
        {
            State.Subscriptions.Remove(subscription);
            await _runner.CommitAsync(Audit($"subscription-refused:{subscription.SubscriptionId:N}", investor, $"not taken: {refused.Message}"));
            throw;
        }
        var index = State.Subscriptions.IndexOf(subscription);
        State.Subscriptions[index] = subscription with { Held = true };
        await _runner.CommitAsync(Audit($"subscription-held:{subscription.SubscriptionId:N}", investor, $"{subscription.Amount} held in escrow"));
    }

    private async Task EnsureQualifiedAsync(Guid investorId, TrancheDefinition tranche)
    {
        var participant = await GrainFactory.GetGrain<IParticipantGrain>(investorId).TryGet();
        // The originator may keep the subordinated tranche, as originators usually do; everyone else is a qualified investor.
        var keepsResidual = investorId == State.OriginatorId && tranche.Seniority == TrancheSeniority.Subordinated;
        if (participant is null || (!keepsResidual && (participant.Roles & ParticipantRoles.Investor) == 0) || !participant.MayMoveMoney)
        {
            throw new DomainException(DomainErrors.InvestorNotQualified,
                $"Participant {investorId} is {(participant is null ? "not registered" : !participant.MayMoveMoney ? "not KYC-verified" : "not registered as an investor")}; only a verified investor subscribes to pool {Id}.");
        }
    }

    public async Task<PoolSnapshot> CloseSubscription(Actor actor)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        RequireOriginatorOrOperator(actor, "close the subscription window");
        if (!_lifecycle.HoldsSubscriptions)
        {
            _lifecycle.EnsureClosesSubscription(); // issued or cancelled already: a repeat; structuring: refused
            return Snapshot();
        }
        _lifecycle.EnsureClosesSubscription();
        var held = State.Subscriptions.Where(s => s.Held).ToArray();
        var decision = PoolIssue.Decide(definition, State.OriginatorId, held, Today);
        if (decision.CancelledBecause is { } reason)
        {
            await CancelAsync(actor, $"undersubscribed: {reason}");
            return Snapshot();
        }
        // The investors pay for the receivables: a licence ended, or a receivable lost, during the window cancels the issue.
        if (await ReceivablesRefusalAsync() is { } lost)
        {
            await CancelAsync(actor, $"a receivable is no longer the pool's: {lost.Message}");
            return Snapshot();
        }
        _lifecycle.Issue();
        State.IssuedOn = Today;
        State.UnitsIssued = new SortedDictionary<string, long>(decision.UnitsIssued.ToDictionary(), StringComparer.Ordinal);
        State.Holdings = [.. decision.Holdings];
        State.HoldersEver = [.. decision.Holdings.Select(h => h.InvestorId)];
        State.Balances = PoolBalances.AtIssue(PoolFacts.Terms(State));
        State.PurchasePrice = decision.PurchasePrice;
        await _runner.CommitAsync([
            Audit("issued", actor, $"issued {string.Join(", ", decision.UnitsIssued.Where(u => u.Value > 0).Select(u => $"{u.Value} units of {u.Key}"))} to {decision.Holdings.Select(h => h.InvestorId).Distinct().Count()} holder(s); "
                + $"{decision.PurchasePrice} paid to the originator, {decision.Refunded} refunded"),
            .. held.Select(FollowUp (s) => new SettleEscrow(s.HoldId)),
            .. State.Subscriptions.Where(s => !s.Held).Select(FollowUp (s) => new ReleaseEscrow(s.HoldId)),
            new PayOutOfPool(Id, $"pool:{Id:N}:issue", decision.Payout, $"issue of pool {Id}: the purchase price and refunds"),
            new RecordPoolHolderFlows(Id, new PoolHolderFlows("issue", Today, PoolCashFlowKind.Subscription, $"pool:{Id:N}:issue",
                [.. decision.Holdings.Select(h => new PoolHolderLine(h.InvestorId, -new Money(h.Units * definition.Tranche(h.TrancheId).UnitFaceValue.Fen), h.TrancheId, h.Units))])),
            .. State.Receivables.Select(FollowUp (l) => new AssignPooledRoyalties(l, Id, Assign: true))]);
        return Snapshot();
    }

    public async Task<PoolSnapshot> Cancel(Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Definition;
        RequireOriginatorOrOperator(actor, "cancel the pool");
        if (_lifecycle.IsCancelled)
        {
            return Snapshot();
        }
        await CancelAsync(actor, actor.IsOperator() && actor.ParticipantId != State.OriginatorId ? "cancelled by the operator" : "withdrawn by the originator");
        return Snapshot();
    }

    /// <summary>Cancelled before issue: every escrow hold released in full, every receivable free again.</summary>
    private async Task CancelAsync(Actor actor, string reason)
    {
        _lifecycle.Cancel();
        State.EndReason = reason;
        await _runner.CommitAsync([
            Audit("cancelled", actor, $"{reason}; {State.Subscriptions.Count} subscription(s) refunded in full"),
            .. State.Subscriptions.Select(FollowUp (s) => new ReleaseEscrow(s.HoldId)),
            .. State.Receivables.Select(FollowUp (l) => new HoldPooledRoyalties(l, Id, Held: false)),
            new SetWakeup(WakeupKinds.Pool, Id.ToString("N"), false)]);
        await Deadlines.StopAsync(this);
    }
}
