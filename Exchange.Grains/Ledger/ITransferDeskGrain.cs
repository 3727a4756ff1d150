using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Where the API makes transfers. An immediate transfer is paid at once through the payer's account, without a
/// transfer grain of its own (a fresh activation for every payment cost more than the payment: about three quarters
/// of an in-process transfer's CPU, measured); a held transfer goes to its <see cref="ITransferGrain"/>, which keeps it
/// through settle or release. Either way the transfer is then readable, settled and released through its
/// <see cref="ITransferGrain"/>.
/// </summary>
[Alias("exchange.transfer-desk")]
public interface ITransferDeskGrain : IGrainWithIntegerKey
{
    /// <summary>Makes the transfer <paramref name="transferId"/> (derived from the payer's Idempotency-Key); a repeat returns it as it stands.</summary>
    [Alias("execute")]
    Task<TransferSnapshot> Execute(Guid transferId, TransferRequest request, Actor actor, IdempotencyStamp? idempotency = null);
}
