using Exchange.Grains.Common;

namespace Exchange.Grains.PatentTransfers;

/// <summary>What a patent transfer sells, as stored: its own type, not the request (the JSON names match version-1 rows).</summary>
public sealed record PatentSale(string ApplicationNumber, Guid BuyerId, Money Price, Guid? ListingId, Guid? OfferId)
{
    public static PatentSale From(ProposePatentTransfer proposal, string canonicalNumber) =>
        new(canonicalNumber, proposal.BuyerId, proposal.Price, proposal.ListingId, proposal.OfferId);

    public bool Matches(ProposePatentTransfer proposal, string canonicalNumber) => this == From(proposal, canonicalNumber);
}
