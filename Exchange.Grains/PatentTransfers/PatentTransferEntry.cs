using Exchange.Grains.Lists;

namespace Exchange.Grains.PatentTransfers;

/// <summary>The patent transfer in the lists: it concerns its buyer, its sellers and its patent.</summary>
internal static class PatentTransferEntry
{
    public static DirectoryEntry? Of(Guid id, PatentTransferState state) => state.Proposal is not { } sale ? null
        : new DirectoryEntry(DirectoryKinds.PatentTransfer, id.ToString("N"), DirectoryStatus.Of(state.Status), $"{sale.ApplicationNumber} for {sale.Price}",
            [
                DirectoryParty.Participant(sale.BuyerId, DirectoryRelations.Buyer, lasting: true),
                .. state.Sellers.Select(s => DirectoryParty.Participant(s.ParticipantId, DirectoryRelations.Seller, lasting: true)),
                DirectoryParty.Patent(sale.ApplicationNumber),
            ], default);
}
