using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// Enforcement (domain.md §6; Civil Code Art. 436): the pledgee names a buyer and a price, the operator approves, the
/// buyer pays; the price pays the pledgee what it is owed, any surplus goes to the pledgors, any shortfall stays a
/// claim; the patents pass to the buyer through the patent's own transfer claim, and the pledge closes.
/// </summary>
internal sealed partial class PledgeGrain
{
    private const string SaleStep = "sale";

    public async Task<PledgeSnapshot> Enforce(Guid buyerId, Money price, Actor pledgee)
    {
        await _runner.ResumeAsync();
        var application = Application;
        RequirePledgee(pledgee, "enforces");
        EnforcementSaleRules.EnsureValidProposal(buyerId, price, application.PledgeeId, State.Pledgors, application.ApplicationNumbers.Count);
        if (State.Sale is { } proposed && proposed.BuyerId == buyerId && proposed.Price == price)
        {
            return Snapshot();
        }
        if (State.Sale is { ApprovedOn: not null })
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"The sale of pledge {Id}'s collateral to {State.Sale.BuyerId} is approved; it is paid for or lapses first.");
        }
        _lifecycle.Enforce();
        State.Sale = new EnforcementSale(buyerId, price, Today);
        var consent = new PledgeeConsent(DisposalKind.Transfer, buyerId);
        if (!State.DisposalConsents.Contains(consent) && State.DisposalConsents.Count < PledgeHold.MaxConsents)
        {
            State.DisposalConsents.Add(consent);
        }
        await _runner.CommitAsync([
            Audit($"enforced:{buyerId:N}:{price.Fen}", pledgee, $"enforcement: sale of {string.Join(", ", application.ApplicationNumbers)} to {buyerId} for {price}, awaiting the operator's approval"),
            .. application.ApplicationNumbers.Select(FollowUp (n) => new RecordPledgeeConsent(n, Id, consent))]);
        return Snapshot();
    }

    public async Task<PledgeSnapshot> ApproveSale(Actor operatorActor)
    {
        await _runner.ResumeAsync();
        var application = Application;
        _lifecycle.EnsureEnforcing("has a sale to approve");
        var sale = State.Sale!;
        if (sale.ApprovedOn is not null)
        {
            return Snapshot();
        }
        // The patents are claimed for the sale now, so that nothing else takes them while the buyer pays.
        var shares = new Dictionary<Guid, long>();
        foreach (var number in application.ApplicationNumbers)
        {
            var patent = GrainFactory.GetGrain<IPatentEncumbrances>(number);
            await patent.RecordPledgeeConsent(Id, new PledgeeConsent(DisposalKind.Transfer, sale.BuyerId));
            var claimed = await patent.BeginTransfer(SaleTransferId(number), sale.BuyerId);
            await patent.ConfirmTransfer(SaleTransferId(number));
            foreach (var owner in claimed.Owners)
            {
                shares[owner.ParticipantId] = shares.GetValueOrDefault(owner.ParticipantId) + owner.ShareBasisPoints;
            }
        }
        State.Sale = sale with { ApprovedOn = Today, SurplusShares = [.. shares.OrderBy(s => s.Key).Select(s => new SurplusShare(s.Key, s.Value))] };
        await _runner.CommitAsync(Audit($"sale-approved:{sale.BuyerId:N}", operatorActor, $"sale to {sale.BuyerId} for {sale.Price} approved; to be paid by {State.Sale.PayBy:yyyy-MM-dd}"));
        return Snapshot();
    }

    public async Task<PledgeSnapshot> PayForSale(Actor buyer)
    {
        await _runner.ResumeAsync();
        _ = Application;
        if (State.Sale is { PaidOn: not null })
        {
            return Snapshot();
        }
        _lifecycle.EnsureEnforcing("is paid for");
        var sale = State.Sale!;
        if (buyer.ParticipantId != sale.BuyerId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the buyer {sale.BuyerId} pays for the sale of pledge {Id}'s collateral.");
        }
        if (sale.ApprovedOn is null)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"The sale of pledge {Id}'s collateral awaits the operator's approval.");
        }
        State.Sale = sale with { PaymentPending = true };
        await _runner.CommitAsync(Audit($"sale-payment-started:{Now.UtcTicks}", buyer, $"paying {sale.Price}"), new ContinueLocally(SaleStep));
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
        return Snapshot();
    }

    /// <summary>
    /// The buyer's one balanced posting pays the pledgee and the pledgors; then, in one write, the pledge records the
    /// proceeds and closes, and owes the patents' assignment to the buyer and the end of its holds.
    /// </summary>
    private async Task CompleteSaleAsync()
    {
        var application = Application;
        var sale = State.Sale!;
        var owed = PledgeFacts.Owed(State, Today);
        var (proceeds, parts) = EnforcementSaleRules.PayOut(sale.Price, owed, application.PledgeeId, sale.SurplusShares ?? []);
        var buyer = new Actor(sale.BuyerId, "Buyer");
        try
        {
            await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(sale.BuyerId)).Distribute($"pledge:{Id:N}:sale", parts, $"pledge {Id:N} enforcement sale", buyer);
        }
        catch (DomainException refusal)
        {
            _refused = refusal;
            State.Sale = sale with { PaymentPending = false };
            await _runner.CommitAsync(Audit($"sale-payment-refused:{Now.UtcTicks}", buyer, $"{sale.Price} not paid: {refusal.Message}"));
            return;
        }
        State.Sale = sale with { PaymentPending = false, PaidOn = Today, Proceeds = proceeds };
        State.Repaid += proceeds.ToPledgee;
        State.Shortfall = proceeds.Shortfall;
        _lifecycle.Close();
        await _runner.CommitAsync([
            Audit("sale-paid", buyer, $"{sale.Price} paid: {proceeds.ToPledgee} to the pledgee, {proceeds.ToPledgor} to the pledgors, {proceeds.Shortfall} still owed"),
            .. application.ApplicationNumbers.Select(FollowUp (n) => new CompleteAssignment(n, SaleTransferId(n), sale.BuyerId)),
            .. EndSweep()]);
        await EndAsync("closed", Actor.System, "collateral sold; pledge closed");
    }

    /// <summary>An approved sale unpaid past its deadline lapses: the patents' claims are let go, and the pledgee may name another buyer.</summary>
    private async Task LapseSaleAsync()
    {
        var sale = State.Sale!;
        State.Sale = null;
        await _runner.CommitAsync([
            Audit($"sale-lapsed:{sale.BuyerId:N}:{Today:yyyyMMdd}", Actor.System, $"the sale to {sale.BuyerId} was not paid for by {sale.PayBy:yyyy-MM-dd}"),
            .. Application.ApplicationNumbers.Select(FollowUp (n) => new AbandonPatentTransfer(n, SaleTransferId(n)))]);
    }

    private Guid SaleTransferId(string number) => DeterministicId.From("pledge-sale", Id.ToString("N"), number);
}
