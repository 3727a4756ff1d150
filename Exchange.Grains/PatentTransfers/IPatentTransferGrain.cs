using Orleans.Concurrency;
using Exchange.Grains.Common;

namespace Exchange.Grains.PatentTransfers;

/// <summary>
/// The assignment of one patent to a buyer, as a process: consents, escrow of the price, recording with the patent
/// office, settlement. Money moves as held ledger transfers from the buyer to each seller (the price split by
/// share to the fen), settled on recording or released on cancellation; each step is idempotent.
/// </summary>
[Alias("exchange.patent-transfer")]
public interface IPatentTransferGrain : IGrainWithGuidKey
{
    [Alias("propose")]
    Task<PatentTransferSnapshot> Propose(ProposePatentTransfer proposal, Actor actor);

    [Alias("get")]
    [AlwaysInterleave]
    Task<PatentTransferSnapshot?> TryGet();

    /// <summary>A co-owner consents; with the last consent the transfer is consented.</summary>
    [Alias("consent")]
    Task<PatentTransferSnapshot> Consent(Actor owner);

    /// <summary>A foreign buyer files its technology-export approval reference.</summary>
    [Alias("export-approval")]
    Task<PatentTransferSnapshot> FileExportApproval(string reference, Actor buyer);

    /// <summary>The buyer's funds go into escrow, split among the sellers by share.</summary>
    [Alias("escrow")]
    Task<PatentTransferSnapshot> EscrowFunds(Actor buyer);

    /// <summary>The operator records the registration with the patent office; the transfer then settles.</summary>
    [Alias("record")]
    Task<PatentTransferSnapshot> Record(string registrationReference, Actor actor);

    /// <summary>Cancels a transfer not yet recorded; escrowed funds go back to the buyer.</summary>
    [Alias("cancel")]
    Task<PatentTransferSnapshot> Cancel(Actor actor);
}
