using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// Deals in the collateral the pledgee consents to, and their money (Civil Code Art. 444): a consented sale's price
/// and a consented licence's fees and royalties for the pledged patents arrive in the pledge's proceeds account, and
/// repay the loan early or stay there in escrow, as the pledgee chose; the pledgee draws on the escrow once the loan is
/// in default, and what is left goes back to the owners when the pledge ends. Also the repayments the pledgee received
/// outside the exchange, which it records.
/// </summary>
internal sealed partial class PledgeGrain
{
    public async Task<PledgeSnapshot> ConsentToDisposal(PledgeeConsent consent, Actor pledgee)
    {
        await _runner.ResumeAsync();
        RequirePledgee(pledgee, "consents to deals in the collateral");
        _lifecycle.EnsureLocksCollateral("consent to a deal in");
        var valid = PledgeHoldRules.ValidateConsent(consent);
        if (valid.Kind == DisposalKind.Transfer)
        {
            _lifecycle.EnsureMayConsentToSale();
            if (!PledgeFacts.PledgedPatents(State).Contains(valid.ApplicationNumber))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"Patent {valid.ApplicationNumber} is not among the patents pledge {Id} holds ({string.Join(", ", PledgeFacts.PledgedPatents(State))}).", "applicationNumber");
            }
        }
        if (State.DisposalConsents.FirstOrDefault(c => c.Covers(valid.Kind, valid.Counterparty, valid.ApplicationNumber)) is { } given)
        {
            return given == valid ? Snapshot()
                : throw new DomainException(DomainErrors.InvalidInput, $"Pledge {Id}'s pledgee consented to this deal already, its money going to {given.Proceeds}{(given.MinimumPrice is { } least ? $", for at least {least}" : "")}; a consent stands as given.", given.Proceeds != valid.Proceeds ? "proceeds" : "minimumPrice");
        }
        if (State.DisposalConsents.Count >= PledgeHold.MaxConsents)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Pledge {Id} has recorded {PledgeHold.MaxConsents} consents already; no more are kept.");
        }
        State.DisposalConsents.Add(valid);
        await _runner.CommitAsync([
            Audit($"consent:{valid.Kind}:{valid.Counterparty:N}{(valid.ApplicationNumber is { } number ? ":" + number : "")}", pledgee,
                $"the pledgee consents to {valid.Kind}{(valid.ApplicationNumber is { } sold ? $" of patent {sold} for at least {valid.MinimumPrice}" : "")}{(valid.Counterparty is { } who ? $" to {who}" : "")}, its money going to {valid.Proceeds}"),
            .. PledgeFacts.PledgedPatents(State).Where(n => valid.ApplicationNumber is null || n == valid.ApplicationNumber).Select(FollowUp (n) => new RecordPledgeeConsent(n, Id, valid))]);
        return Snapshot();
    }

    public async Task ReceiveProceeds(PledgeProceeds proceeds)
    {
        await _runner.ResumeAsync();
        if (State.Application is null || State.ProceedsPostings.Contains(proceeds.PostingId) || proceeds.Amount.Fen <= 0)
        {
            return;
        }
        if (State.ProceedsPostings.Count >= PledgeState.MaxRoyaltyCredits)
        {
            State.ProceedsPostings.RemoveAt(0);
        }
        State.ProceedsPostings.Add(proceeds.PostingId);
        var saleDropped = false;
        if (proceeds.SoldPatent is { } sold && Application.ApplicationNumbers.Contains(sold) && !State.SoldPatents.Contains(sold))
        {
            State.SoldPatents.Add(sold);
            // A proposed enforcement sale priced the collateral as it was: the pledgee proposes again for what is left.
            saleDropped = State.Sale is { ApprovedOn: null };
            State.Sale = saleDropped ? null : State.Sale;
        }
        // The pledge's own record of the consent decides the route; a notice names it too, for a consent no longer kept.
        var route = State.DisposalConsents.FirstOrDefault(c => c.Covers(proceeds.Deal.Kind, proceeds.Deal.Counterparty, proceeds.Deal.ApplicationNumber))?.Proceeds ?? proceeds.Deal.Proceeds;
        var applied = PledgeProceedsRules.Apply(proceeds.Amount, proceeds.Owners, route, ProceedsTarget());
        PayDebt(applied.CreditedToSchedule, applied.PrincipalPrepaid);
        State.Escrow = PledgeProceedsRules.Add(State.Escrow, applied.Escrowed);
        var source = proceeds.SoldPatent is { } patent ? $"the sale of patent {patent}" : $"a licence ({proceeds.PostingId})";
        List<FollowUp> recorded = [Audit($"proceeds:{proceeds.PostingId}", Actor.System,
            $"{proceeds.Amount} from {source}: {applied.PrincipalPrepaid} principal repaid early with {applied.Interest} interest, {applied.CreditedToSchedule} towards the instalments, "
            + $"{PledgeProceedsRules.Total(applied.Escrowed)} held in escrow, {PledgeProceedsRules.Total(applied.ToOwners)} back to the owners"
            + (saleDropped ? "; the proposed enforcement sale is dropped" : ""))];
        recorded.AddRange(PayOut($"proceeds:{proceeds.PostingId}", applied.ToPledgee, applied.ToOwners, $"proceeds of {source}"));
        if (_lifecycle.IsFinal)
        {
            await _runner.CommitAsync(recorded);
            return;
        }
        await AfterRepaymentAsync(recorded);
    }

    public async Task<PledgeSnapshot> DrawOnEscrow(Guid drawId, Actor pledgee)
    {
        await _runner.ResumeAsync();
        RequirePledgee(pledgee, "draws on the escrowed proceeds");
        if (State.RecentPayments.Contains(drawId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureMayDrawOnEscrow();
        var escrowed = PledgeProceedsRules.Total(State.Escrow);
        if (escrowed == Money.Zero)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"Pledge {Id} holds no proceeds in escrow.");
        }
        // The escrow pays the debt as it stands today — the arrears, then principal with its accrued interest — never interest of months to come.
        var paid = PledgeProceedsRules.ToDebt(escrowed, ProceedsTarget());
        (_, State.Escrow) = PledgeProceedsRules.Draw(State.Escrow, paid.Total);
        RememberPayment(drawId);
        PayDebt(paid.CreditedToSchedule, paid.PrincipalPrepaid);
        await AfterRepaymentAsync([
            Audit($"escrow-drawn:{drawId:N}", pledgee, $"{paid.Total} of the escrowed proceeds drawn: {paid.CreditedToSchedule} towards the instalments due, "
                + $"{paid.PrincipalPrepaid} principal repaid early with {paid.Interest} interest; {PledgeProceedsRules.Total(State.Escrow)} left in escrow"),
            .. PayOut($"escrow-drawn:{drawId:N}", paid.Total, [], "escrowed proceeds drawn by the pledgee")]);
        return Snapshot();
    }

    public async Task<PledgeSnapshot> RecordRepaymentReceived(Guid paymentId, Money amount, string reference, Actor pledgee)
    {
        await _runner.ResumeAsync();
        RequirePledgee(pledgee, "records a repayment received outside the exchange");
        if (State.RecentPayments.Contains(paymentId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureTakesRepayments();
        var bankReference = PatentRules.Reference(reference, "reference", "bank's payment reference");
        if (State.ReceivedReferences.Contains(bankReference))
        {
            // The same bank payment under another Idempotency-Key: recorded once, never twice.
            throw new DomainException(DomainErrors.InvalidInput, $"The bank's payment {bankReference} is recorded on pledge {Id} already.", "reference");
        }
        if (State.PaymentPending is not null)
        {
            throw new DomainException(DomainErrors.RequestInProgress, $"A repayment of pledge {Id} is still being completed; try again in a moment.");
        }
        EarlyRepayment.EnsureRepayable(amount, PledgeFacts.StillOwed(State));
        State.Payments++;
        RememberPayment(paymentId);
        if (State.ReceivedReferences.Count >= PledgeState.MaxRecentPayments)
        {
            State.ReceivedReferences.RemoveAt(0);
        }
        State.ReceivedReferences.Add(bankReference);
        State.Repaid += amount;
        await AfterRepaymentAsync([Audit($"repaid-off-exchange:{State.Payments}", pledgee, $"{amount} received by the pledgee outside the exchange ({bankReference}), recorded towards the instalments")]);
        return Snapshot();
    }

    /// <summary>When the pledge ends, the escrow is settled: on a closed enforcement it pays the shortfall first; the rest goes back to the owners.</summary>
    private IEnumerable<FollowUp> SettleEscrow(bool coversShortfall)
    {
        var escrowed = PledgeProceedsRules.Total(State.Escrow);
        if (escrowed == Money.Zero)
        {
            return [];
        }
        var toPledgee = coversShortfall ? (escrowed < State.Shortfall ? escrowed : State.Shortfall) : Money.Zero;
        var (_, left) = PledgeProceedsRules.Draw(State.Escrow, toPledgee);
        State.Shortfall -= toPledgee;
        State.Repaid += toPledgee;
        State.Escrow = [];
        return [
            Audit("escrow-settled", Actor.System, $"escrowed proceeds of {escrowed}: {toPledgee} to the pledgee's shortfall, {escrowed - toPledgee} back to the owners"),
            .. PayOut("escrow-settled", toPledgee, left, "escrowed proceeds settled as the pledge ended")];
    }

    private IEnumerable<FollowUp> PayOut(string reason, Money toPledgee, IEnumerable<OwnerAmount> toOwners, string memo)
    {
        List<DistributionPart> parts = [.. toOwners.Where(o => o.Amount.Fen > 0).Select(o => new DistributionPart(AccountId.ForParticipant(o.OwnerId), o.Amount))];
        if (toPledgee.Fen > 0)
        {
            parts.Insert(0, new DistributionPart(AccountId.ForParticipant(Application.PledgeeId), toPledgee));
        }
        return parts.Count == 0 ? [] : [new PayOutPledgeProceeds(Id, $"pledge:{Id:N}:{reason}", parts, $"pledge {Id:N} {memo}")];
    }

    private ProceedsTarget ProceedsTarget() => PledgeFacts.ProceedsTarget(State, Today, _lifecycle.IsFinal, _lifecycle.TakesRepayments);

    /// <summary>Money towards the debt: first the instalments due, then principal repaid early (the rest of the schedule recomputed).</summary>
    private void PayDebt(Money creditedToSchedule, Money principalPrepaid)
    {
        State.Repaid += creditedToSchedule;
        if (principalPrepaid.Fen > 0)
        {
            Prepay(principalPrepaid);
        }
    }

    private void RememberPayment(Guid paymentId)
    {
        if (State.RecentPayments.Count >= PledgeState.MaxRecentPayments)
        {
            State.RecentPayments.RemoveAt(0);
        }
        State.RecentPayments.Add(paymentId);
    }
}
