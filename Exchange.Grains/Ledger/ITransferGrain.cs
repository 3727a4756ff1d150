using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

/// <summary>
/// One movement of money between two accounts, keyed by the transfer id (derived from the payer's
/// Idempotency-Key). It reserves the payer's funds, then settles them to the payee or releases them back; each
/// step is idempotent, and a transfer interrupted by a crash is resumed by the recovery sweep.
/// </summary>
[Alias("exchange.transfer")]
public interface ITransferGrain : IGrainWithGuidKey
{
    /// <summary>Reserves the funds and, for an immediate transfer, settles them. A repeat returns the transfer as it stands.</summary>
    [Alias("execute")]
    Task<TransferSnapshot> Execute(TransferRequest request, Actor actor);

    [Alias("settle")]
    Task<TransferSnapshot> Settle(Actor actor);

    [Alias("release")]
    Task<TransferSnapshot> Release(Actor actor);

    [Alias("get")]
    Task<TransferSnapshot?> TryGet();

    /// <summary>Finishes an immediate transfer left with its funds reserved; a no-op otherwise.</summary>
    [Alias("resume")]
    Task Resume();
}
