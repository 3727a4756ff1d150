using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// Enforcement (domain.md §6; Civil Code Art. 436): the pledgee names a buyer and a price, the operator approves (the
/// patents are claimed for the sale under the transfer id the patent recognizes as the pledge's own), the buyer pays;
/// the price pays the pledgee what it is owed, any surplus goes to the pledgors, any shortfall stays a claim; the
/// patents pass to the buyer and the pledge closes. Until the buyer pays, the pledgor may still redeem.
/// </summary>
internal sealed partial class PledgeGrain
{
    private const string SaleStep = "sale";

    public async Task<PledgeSnapshot> Enforce(Guid buyerId, Money price, Actor pledgee)
    {
        await _runner.ResumeAsync();
        var application = Application;
        RequirePledgee(pledgee, "enforces");
        EnforcementSaleRules.EnsureValidProposal(buyerId, price, application.PledgeeId, State.Pledgors, PledgeFacts.PledgedPatents(State).Count);
        if (State.Sale is { } proposed && proposed.BuyerId == buyerId && proposed.Price == price)
        {
            return Snapshot();
        }
        State.Sale?.EnsureMayBeReplaced(Id);
        _lifecycle.Enforce();
        State.Sale = new EnforcementSale(buyerId, price, Today);
        await _runner.CommitAsync(Audit($"enforced:{buyerId:N}:{price.Fen}", pledgee,
            $"enforcement: sale of {string.Join(", ", PledgeFacts.PledgedPatents(State))} to {buyerId} for {price}, awaiting the operator's approval"));
        return Snapshot();
    }

    public async Task<PledgeSnapshot> AcceptMarketOffer(Guid listingId, Guid offerId, IReadOnlyList<string> applicationNumbers, Guid buyerId, Money price, Actor pledgee)
    {
        await _runner.ResumeAsync();
        if (State.Sale is { } current && current.CameFrom(listingId, offerId))
        {
            // A repeat of the acceptance, whatever became of the sale since (approved, paid): nothing new is proposed.
            return Snapshot();
        }
        await EnsureMayListForEnforcement(applicationNumbers, pledgee);
        if (State.Sale is { } other)
        {
            // A stale counter-offer accepted by its bidder, or a second listing, never replaces the sale the pledgee chose.
            throw new DomainException(DomainErrors.InvalidTransition,
                $"A sale of pledge {Id}'s collateral to {other.BuyerId} for {other.Price} is proposed already; an offer accepted on the market does not replace it.");
        }
        EnforcementSaleRules.EnsureValidProposal(buyerId, price, Application.PledgeeId, State.Pledgors, PledgeFacts.PledgedPatents(State).Count);
        _lifecycle.Enforce();
        State.Sale = new EnforcementSale(buyerId, price, Today, ListingId: listingId, OfferId: offerId);
        await _runner.CommitAsync(Audit($"market-offer-accepted:{offerId:N}", pledgee,
            $"enforcement: offer {offerId} on listing {listingId} accepted, sale of {string.Join(", ", PledgeFacts.PledgedPatents(State))} to {buyerId} for {price}, awaiting the operator's approval"));
        return Snapshot();
    }

    public async Task EnsureMayListForEnforcement(IReadOnlyList<string> applicationNumbers, Actor pledgee)
    {
        await _runner.ResumeAsync();
        RequirePledgee(pledgee, "offers its collateral on the market");
        _lifecycle.EnsureMayBeEnforced();
        State.Sale?.EnsureMayBeReplaced(Id);
        var pledged = PledgeFacts.PledgedPatents(State);
        if (!applicationNumbers.Order(StringComparer.Ordinal).SequenceEqual(pledged.Order(StringComparer.Ordinal)))
        {
            // The sale sells what the pledge holds, all of it: one price, one buyer, as a direct enforcement sale would.
            throw new DomainException(DomainErrors.InvalidInput, $"Pledge {Id}'s enforcement sells the patents it holds, all together: {string.Join(", ", pledged)}.", "applicationNumbers");
        }
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
        // Every patent is claimed for the sale, or none: a refusal lets go of the claims already made.
        var shares = new Dictionary<Guid, long>();
        var claimed = new List<string>();
        try
        {
            foreach (var number in PledgeFacts.PledgedPatents(State))
            {
                var patent = GrainFactory.GetGrain<IPatentEncumbrances>(number);
                var snapshot = await patent.BeginTransfer(SaleTransferId(number));
                claimed.Add(number);
                if (snapshot.Pledge?.PledgeId != Id)
                {
                    // Sold with consent (or released) meanwhile, before the pledge heard of it: not this pledge's to sell.
                    throw new DomainException(DomainErrors.InvalidTransition, $"Patent {number} is no longer held by pledge {Id}; it cannot be sold on its enforcement.");
                }
                await patent.ConfirmTransfer(SaleTransferId(number));
                foreach (var owner in snapshot.Owners)
                {
                    shares[owner.ParticipantId] = shares.GetValueOrDefault(owner.ParticipantId) + owner.ShareBasisPoints;
                }
            }
        }
        catch (DomainException)
        {
            foreach (var number in claimed)
            {
                await GrainFactory.GetGrain<IPatentEncumbrances>(number).AbandonTransfer(SaleTransferId(number));
            }
            throw;
        }
        State.Sale = sale with { ApprovedOn = Today, SurplusShares = [.. shares.OrderBy(s => s.Key).Select(s => new SurplusShare(s.Key, s.Value))] };
        await _runner.CommitAsync(Audit($"sale-approved:{sale.BuyerId:N}", operatorActor, $"sale to {sale.BuyerId} for {sale.Price} approved; to be paid by {State.Sale.PayBy:yyyy-MM-dd}"));
        return Snapshot();
    }

    public async Task<PledgeSnapshot> PayForSale(Actor buyer)
    {
        await _runner.ResumeAsync();
        var application = Application;
        var sale = State.Sale ?? throw new DomainException(DomainErrors.InvalidTransition, $"Pledge {Id} has no sale of its collateral to pay for.");
        sale.EnsurePayableBy(buyer.ParticipantId, Id);
        if (sale.PaidOn is not null)
        {
            return Snapshot();
        }
        _lifecycle.EnsureEnforcing("is paid for");
        // The split is fixed before the money moves: a continuation run on another day posts (and records) exactly this.
        var (proceeds, parts) = EnforcementSaleRules.PayOut(sale.Price, PledgeFacts.Owed(State, Today), application.PledgeeId, sale.SurplusShares ?? []);
        State.Sale = sale with { PaymentPending = true, Proceeds = proceeds, Parts = parts };
        _refused = null;
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
        var proceeds = sale.Proceeds!;
        var buyer = new Actor(sale.BuyerId, "Buyer");
        try
        {
            await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(sale.BuyerId)).Distribute($"pledge:{Id:N}:sale", sale.Parts!, $"pledge {Id:N} enforcement sale", buyer);
        }
        catch (DomainException refusal)
        {
            _refused = refusal;
            State.Sale = sale with { PaymentPending = false, Proceeds = null, Parts = null };
            await _runner.CommitAsync(Audit($"sale-payment-refused:{Now.UtcTicks}", buyer, $"{sale.Price} not paid: {refusal.Message}"));
            return;
        }
        State.Sale = sale with { PaymentPending = false, PaidOn = Today };
        State.Repaid += proceeds.ToPledgee;
        State.Shortfall = proceeds.Shortfall;
        _lifecycle.Close();
        await EndAsync("closed", Actor.System, "collateral sold; pledge closed", [
            Audit("sale-paid", buyer, $"{sale.Price} paid: {proceeds.ToPledgee} to the pledgee, {proceeds.ToPledgor} to the pledgors, {proceeds.Shortfall} still owed"),
            .. PledgeFacts.PledgedPatents(State).Select(FollowUp (n) => new CompleteAssignment(n, SaleTransferId(n), sale.BuyerId))]);
    }

    /// <summary>An approved sale unpaid past its deadline lapses: the patents' claims are let go, and the pledgee may name another buyer.</summary>
    private async Task LapseSaleAsync()
    {
        var sale = State.Sale!;
        State.Sale = null;
        await _runner.CommitAsync([
            Audit($"sale-lapsed:{sale.BuyerId:N}:{Today:yyyyMMdd}", Actor.System, $"the sale to {sale.BuyerId} was not paid for by {sale.PayBy:yyyy-MM-dd}"),
            .. AbandonSale()]);
    }

    public async Task PatentInvalidated(string applicationNumber)
    {
        await _runner.ResumeAsync();
        if (State.Application is null || _lifecycle.IsFinal || !PledgeFacts.PledgedPatents(State).Contains(applicationNumber))
        {
            return;
        }
        State.InvalidatedPatents.Add(applicationNumber);
        List<FollowUp> owed = [Audit($"collateral-invalidated:{applicationNumber}", Actor.System,
            $"pledged patent {applicationNumber} was declared invalid: it no longer secures the loan{(State.Sale is { PaidOn: null } ? "; the enforcement sale is dropped" : "")}")];
        if (State.Sale is { PaidOn: null, PaymentPending: false } sale)
        {
            // An invalid patent cannot be sold: the pledgee proposes another sale of what is left, or draws on other security.
            owed.AddRange(sale.ApprovedOn is null ? [] : Application.ApplicationNumbers.Except(State.SoldPatents).Select(FollowUp (n) => new AbandonPatentTransfer(n, SaleTransferId(n))));
            State.Sale = null;
        }
        await _runner.CommitAsync(owed);
    }

    private IEnumerable<FollowUp> AbandonSale() => PledgeFacts.PledgedPatents(State).Select(FollowUp (n) => new AbandonPatentTransfer(n, SaleTransferId(n)));

    private Guid SaleTransferId(string number) => PledgeHoldRules.SaleTransferId(Id, number);
}
