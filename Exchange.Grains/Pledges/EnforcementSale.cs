using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Pledges;

/// <summary>A pledgor's claim on the surplus of an enforcement sale: its ownership share, summed over the pledged patents.</summary>
[GenerateSerializer, Immutable]
public sealed record SurplusShare([property: Id(0)] Guid PledgorId, [property: Id(1)] long Weight);

/// <summary>
/// The sale of a defaulted pledge's patents to a buyer the pledgee names (domain.md §6): proposed by the pledgee,
/// approved by the operator (the patents are then claimed for the sale), paid by the buyer within
/// <see cref="PaymentDays"/> of the approval, or the approval lapses and the claims are let go.
/// </summary>
/// <param name="Proceeds">How the price was paid out, once paid.</param>
/// <param name="ListingId">The enforcement listing whose accepted offer proposed this sale; null for a buyer the pledgee named directly.</param>
/// <param name="OfferId">That offer.</param>
[GenerateSerializer, Immutable]
public sealed record EnforcementSale(
    [property: Id(0)] Guid BuyerId,
    [property: Id(1)] Money Price,
    [property: Id(2)] DateOnly ProposedOn,
    [property: Id(3)] DateOnly? ApprovedOn = null,
    [property: Id(4)] IReadOnlyList<SurplusShare>? SurplusShares = null,
    [property: Id(5)] bool PaymentPending = false,
    [property: Id(6)] EnforcementProceeds? Proceeds = null,
    [property: Id(7)] DateOnly? PaidOn = null,
    [property: Id(8)] IReadOnlyList<DistributionPart>? Parts = null,
    [property: Id(9)] Guid? ListingId = null,
    [property: Id(10)] Guid? OfferId = null)
{
    /// <summary>Whether this sale is the one an offer accepted on the market proposed.</summary>
    public bool CameFrom(Guid listingId, Guid offerId) => ListingId == listingId && OfferId == offerId;

    public const int PaymentDays = 30;

    public DateOnly? PayBy => ApprovedOn?.AddDays(PaymentDays);

    /// <exception cref="DomainException">invalid-transition: an approved sale is paid for or lapses before another buyer is named.</exception>
    public void EnsureMayBeReplaced(Guid pledgeId)
    {
        if (ApprovedOn is not null)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"The sale of pledge {pledgeId}'s collateral to {BuyerId} is approved; it is paid for or lapses first.");
        }
    }

    /// <exception cref="DomainException">forbidden for anyone but the buyer; invalid-transition before the operator's approval.</exception>
    public void EnsurePayableBy(Guid participantId, Guid pledgeId)
    {
        if (participantId != BuyerId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the buyer pays for the sale of pledge {pledgeId}'s collateral.");
        }
        if (ApprovedOn is null)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"The sale of pledge {pledgeId}'s collateral awaits the operator's approval.");
        }
    }
}

/// <summary>The rules of an enforcement sale: who may buy, when an approval lapses, and how the price is paid out, exactly.</summary>
public static class EnforcementSaleRules
{
    /// <exception cref="DomainException">invalid-input or invalid-amount.</exception>
    public static void EnsureValidProposal(Guid buyerId, Money price, Guid pledgeeId, IReadOnlyCollection<Guid> pledgors, int patents)
    {
        if (patents == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A pledge of royalties alone is enforced by its sweep; only pledged patents are sold.", "buyerId");
        }
        if (buyerId == Guid.Empty || buyerId == pledgeeId || pledgors.Contains(buyerId))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The buyer is a third party: neither the pledgee nor a pledgor.", "buyerId");
        }
        if (price.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"The sale price must be more than nothing; {price} is not.", "price");
        }
    }

    /// <summary>An approved sale the buyer has not paid for by its deadline.</summary>
    public static bool HasLapsed(EnforcementSale sale, DateOnly today) => sale is { PaidOn: null, PaymentPending: false, PayBy: { } payBy } && today > payBy;

    /// <summary>
    /// The buyer's one balanced posting: the pledgee is paid what it is owed (at most the price), the surplus goes to
    /// the pledgors by their shares (largest remainder, so the parts add up to the price exactly).
    /// </summary>
    public static (EnforcementProceeds Proceeds, IReadOnlyList<DistributionPart> Parts) PayOut(Money price, Money owed, Guid pledgeeId, IReadOnlyList<SurplusShare> shares)
    {
        var proceeds = EnforcementProceeds.Split(price, owed);
        var parts = new List<DistributionPart>();
        if (proceeds.ToPledgee.Fen > 0)
        {
            parts.Add(new DistributionPart(AccountId.ForParticipant(pledgeeId), proceeds.ToPledgee));
        }
        if (proceeds.ToPledgor.Fen > 0)
        {
            var split = Allocation.ByLargestRemainder(proceeds.ToPledgor, shares.Select(s => (decimal)s.Weight).ToArray());
            parts.AddRange(shares.Zip(split).Where(p => p.Second.Fen > 0).Select(p => new DistributionPart(AccountId.ForParticipant(p.First.PledgorId), p.Second)));
        }
        return (proceeds, parts);
    }
}
