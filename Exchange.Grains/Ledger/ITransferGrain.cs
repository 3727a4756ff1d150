using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// One movement of money between two accounts, keyed by the transfer id (derived from the payer's
/// Idempotency-Key). An immediate transfer pays the payee at once in one posting; a held one reserves the payer's
/// funds, then settles them to the payee or releases them back. Each step is idempotent; a transfer an earlier
/// version left reserved by a crash is resumed by the recovery sweep. A command from the API carries its
/// Idempotency-Key, which the ledger records with the step's posting.
/// </summary>
[Alias("exchange.transfer")]
public interface ITransferGrain : IGrainWithGuidKey
{
    /// <summary>Pays an immediate transfer, or reserves a held one's funds. A repeat returns the transfer as it stands.</summary>
    [Alias("execute")]
    Task<TransferSnapshot> Execute(TransferRequest request, Actor actor, IdempotencyStamp? idempotency = null);

    [Alias("settle")]
    Task<TransferSnapshot> Settle(Actor actor, IdempotencyStamp? idempotency = null);

    [Alias("release")]
    Task<TransferSnapshot> Release(Actor actor, IdempotencyStamp? idempotency = null);

    [Alias("get")]
    Task<TransferSnapshot?> TryGet();

    /// <summary>Finishes an immediate transfer an earlier version left with its funds reserved; a no-op otherwise.</summary>
    [Alias("resume")]
    Task Resume();
}
