using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.PatentTransfers;

[GenerateSerializer]
internal sealed class PatentTransferState
{
    [Id(0)] public int SchemaVersion { get; set; } = 1;
    [Id(1)] public ProposePatentTransfer? Proposal { get; set; }
    [Id(2)] public List<PatentOwner> Sellers { get; set; } = [];
    [Id(3)] public PatentTransferStatus Status { get; set; }
    [Id(4)] public SortedSet<Guid> Consents { get; set; } = [];
    [Id(5)] public bool BuyerIsForeign { get; set; }
    [Id(6)] public string? ExportApprovalReference { get; set; }
    [Id(7)] public string? RegistrationReference { get; set; }
    [Id(8)] public List<Money> SellerProceeds { get; set; } = [];

    /// <summary>Escrow attempts so far; each attempt's holds have their own ids, so a failed attempt never blocks the next.</summary>
    [Id(9)] public int EscrowAttempt { get; set; }

    /// <summary>The old owners' open listings, remembered before the patent forgets them, so a retried settlement still closes them.</summary>
    [Id(10)] public List<Guid>? ListingsToClose { get; set; }
}
