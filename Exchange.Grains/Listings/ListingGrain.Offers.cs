using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>The listing's offers: made, countered, accepted (a sale proposes its patent transfers), rejected, withdrawn.</summary>
internal sealed partial class ListingGrain
{
    public async Task<OfferSnapshot> MakeOffer(Guid offerId, MakeOffer offer, Actor bidder)
    {
        await _runner.ResumeAsync();
        var terms = Terms;
        if (State.Offers.FirstOrDefault(o => o.OfferId == offerId) is { } existing)
        {
            return existing.Offer.Matches(offer) && existing.BidderId == bidder.ParticipantId ? OfferSnapshotOf(existing)
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Offer {offerId} already exists with other terms.");
        }
        _lifecycle.EnsureTakesOffers();
        if (bidder.ParticipantId == State.AgencyId || State.OwnerIds.Contains(bidder.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {bidder.ParticipantId} is on the selling side of listing {Id}.");
        }
        var validated = ListingRules.ValidateOffer(Id, terms, offer, Today);
        if (State.Offers.Count(o => OfferLifecycle.IsLiveStatus(o.Status)) >= ListingRules.MaxLiveOffers)
        {
            throw new DomainException(DomainErrors.TooManyOffers, $"Listing {Id} already has {ListingRules.MaxLiveOffers} open offers; offer again when some have closed.");
        }
        var state = new OfferState { OfferId = offerId, BidderId = bidder.ParticipantId, Offer = OfferTerms.From(validated), Status = OfferStatus.Submitted, SubmittedAt = Now, UpdatedAt = Now };
        State.Offers.Add(state);
        await _runner.CommitAsync(Audit($"offer:{offerId:N}:submitted", bidder, $"{validated.Kind} offer {validated.Price?.ToString() ?? validated.LicenseTerms!.Type.ToString()}"));
        return OfferSnapshotOf(state);
    }

    public async Task<OfferSnapshot> Counter(Guid offerId, Money? price, LicenseTerms? terms, Actor agency)
    {
        await _runner.ResumeAsync();
        RequireLister(agency, "counter offers");
        var offer = FindOffer(offerId);
        var (counterPrice, counterTerms) = ListingRules.ValidateCounter(offer.Offer.Kind, Terms.ApplicationNumbers.Count, price, terms);
        Negotiation(offer).Counter();
        offer.CounterPrice = counterPrice;
        offer.CounterTerms = counterTerms;
        offer.UpdatedAt = Now;
        await _runner.CommitAsync(Audit($"offer:{offerId:N}:countered", agency, $"counter {counterPrice?.ToString() ?? counterTerms!.Type.ToString()}"));
        return OfferSnapshotOf(offer);
    }

    public async Task<ListingSnapshot> Accept(Guid offerId, Actor actor)
    {
        await _runner.ResumeAsync();
        var offer = FindOffer(offerId);
        var byLister = IsLister(actor, offer);
        var negotiation = Negotiation(offer);
        if (negotiation.IsAccepted)
        {
            return Snapshot();
        }
        // Every check before any effect, so a refused acceptance starts nothing.
        _lifecycle.EnsureTakesOffers();
        negotiation.EnsureMayAccept(byLister);
        if (State.EnforcesPledge is { } pledge)
        {
            // The buyer found on the market becomes the enforcement's proposed sale: the operator approves it and the
            // buyer pays the pledge, exactly as for a buyer the pledgee named directly. The pledge checks its right of
            // sale again, never lets this replace a sale already proposed, and answers a repeat as done.
            await GrainFactory.GetGrain<Pledges.IPledgeGrain>(pledge).AcceptMarketOffer(Id, offerId, Terms.ApplicationNumbers, offer.BidderId,
                offer.CounterPrice ?? offer.Offer.Price!.Value, new Actor(State.AgencyId, "Pledgee"));
        }
        else
        {
            // A deal binds the owners: the agency's mandate must still hold when it is made, not only when listed.
            await ListedPatents.RequireRightToDealAsync(GrainFactory, Terms.ApplicationNumbers, State.AgencyId, null, Today);
            if (offer.Offer.Kind == OfferKind.Purchase)
            {
                offer.PatentTransfers = await ProposeTransfersAsync(offer, actor);
            }
        }
        negotiation.Accept(byLister);
        offer.UpdatedAt = Now;
        var agreed = OfferSnapshotOf(offer);
        List<FollowUp> owed = [Audit($"offer:{offerId:N}:accepted", actor, $"{offer.Offer.Kind} agreed at {agreed.AgreedPrice?.ToString() ?? agreed.AgreedTerms!.Type.ToString()}")];
        // A sale, or an exclusive or sole licence, can be granted once: the listing closes and every other live
        // offer is rejected. Ordinary licences can be granted to any number of licensees.
        if (offer.Offer.Kind == OfferKind.Purchase || agreed.AgreedTerms!.Type != LicenseType.Ordinary)
        {
            _lifecycle.Close();
            owed.AddRange(ClosingFollowUps(skipPatent: null));
        }
        await CommitWithArchiveAsync(owed);
        return Snapshot();
    }

    public async Task<OfferSnapshot> Reject(Guid offerId, Actor actor)
    {
        await _runner.ResumeAsync();
        var offer = FindOffer(offerId);
        var byLister = IsLister(actor, offer);
        if (Negotiation(offer).Reject(byLister))
        {
            offer.UpdatedAt = Now;
            await CommitWithArchiveAsync([Audit($"offer:{offerId:N}:rejected", actor, byLister ? "rejected by the lister" : "counter-offer declined by the bidder")]);
        }
        return OfferSnapshotOf(offer);
    }

    public async Task<OfferSnapshot> WithdrawOffer(Guid offerId, Actor bidder)
    {
        await _runner.ResumeAsync();
        var offer = FindOffer(offerId);
        if (offer.BidderId != bidder.ParticipantId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the bidder withdraws offer {offerId}.");
        }
        if (Negotiation(offer).Withdraw())
        {
            offer.UpdatedAt = Now;
            await CommitWithArchiveAsync([Audit($"offer:{offerId:N}:withdrawn", bidder, "withdrawn by the bidder")]);
        }
        return OfferSnapshotOf(offer);
    }

    /// <summary>
    /// An accepted purchase starts one patent transfer per listed patent (a package's price is split evenly, to the
    /// fen). Their ids derive from the listing and the offer, so a retried acceptance proposes them once.
    /// </summary>
    private async Task<List<Guid>> ProposeTransfersAsync(OfferState offer, Actor actor)
    {
        var numbers = Terms.ApplicationNumbers;
        var parts = Allocation.ByLargestRemainder(offer.CounterPrice ?? offer.Offer.Price!.Value, numbers.Select(_ => 1m).ToArray());
        var ids = new List<Guid>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var id = DeterministicId.From("patent-transfer", Id.ToString("N"), offer.OfferId.ToString("N"), numbers[i]);
            await GrainFactory.GetGrain<PatentTransfers.IPatentTransferGrain>(id)
                .Propose(new PatentTransfers.ProposePatentTransfer(numbers[i], offer.BidderId, parts[i], Id, offer.OfferId), actor).RecordedAsync();
            ids.Add(id);
        }
        return ids;
    }
}
