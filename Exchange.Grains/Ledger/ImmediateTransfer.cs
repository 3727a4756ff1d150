using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// An immediate transfer, paid in one commit by the payer's account (domain.md §2). It has no state between requested
/// and settled that anyone could observe, so it needs no activation of its own: the payer's account grain serializes
/// every copy of it (and every other debit of that account), and its posting and transfer row are the whole record.
/// Used by <see cref="TransferDeskGrain"/> for the API, and by <see cref="TransferGrain"/> for callers that address a
/// transfer grain.
/// </summary>
internal static class ImmediateTransfer
{
    /// <summary>
    /// Validates, checks the payee, and pays; a repeat is answered with the transfer as booked (or refused when its
    /// request differs). Returns the payer account's booking.
    /// </summary>
    public static async Task<TransferBooking> PayAsync(IGrainFactory grains, ILedgerStore store, Guid transferId, TransferRequest request, Actor actor, IdempotencyStamp? idempotency)
    {
        var payerAccount = AccountId.ForParticipant(request.PayerParticipantId);
        TransferRules.Validate(request, payerAccount);
        if (await PayeeRefusedUnlessRepeatAsync(grains, store, transferId, request) is { } existing)
        {
            EnsureSameRequest(existing, request);
            return new TransferBooking(existing, BookedNow: false);
        }
        var requested = new TransferRecord(transferId, payerAccount, request.PayeeAccount, request.Amount.Fen, request.Mode,
            TransferStatus.Requested, request.RequestHash, actor.ParticipantId, request.Memo, default, default, request.ControlledBy);
        var booking = await grains.GetGrain<IAccountGrain>(payerAccount).Pay(requested, actor, idempotency);
        EnsureSameRequest(booking.Transfer, request);
        return booking;
    }

    /// <summary>A transfer id already booked for a different request is refused: the same key cannot name two transfers.</summary>
    public static void EnsureSameRequest(TransferRecord transfer, TransferRequest request)
    {
        if (transfer.RequestHash != request.RequestHash)
        {
            throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Transfer {transfer.TransferId} was already requested with a different body.");
        }
    }

    /// <summary>
    /// Checks the payee; if it may not receive now but the transfer was made before (its payee since suspended, say),
    /// returns that transfer: a repeat is answered with what it did, as the ledger would answer it, not refused.
    /// </summary>
    public static async Task<TransferRecord?> PayeeRefusedUnlessRepeatAsync(IGrainFactory grains, ILedgerStore store, Guid transferId, TransferRequest request)
    {
        try
        {
            await EnsurePayeeMayReceiveAsync(grains, request.PayeeAccount);
            return null;
        }
        catch (DomainException)
        {
            if (await store.LoadTransferAsync(transferId) is { } existing)
            {
                return existing;
            }
            throw;
        }
    }

    public static async Task EnsurePayeeMayReceiveAsync(IGrainFactory grains, string payeeAccount)
    {
        if (AccountId.IsKeptByTheExchange(payeeAccount))
        {
            return;
        }
        if (!AccountId.TryGetParticipant(payeeAccount, out var payeeId))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"'{payeeAccount}' is not an account of the exchange.", "payee");
        }
        var payee = await grains.GetGrain<IParticipantGrain>(payeeId).TryGet()
            ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Payee {payeeId} is not registered.", "payee");
        if (!payee.MayMoveMoney)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"Payee {payeeId} is {KycLifecycle.Describe(payee.KycStatus)}; only KYC-verified participants receive money.", "payee");
        }
    }

    public static TransferSnapshot Snapshot(TransferRecord r) =>
        new(r.TransferId, r.PayerAccount, r.PayeeAccount, new Money(r.AmountFen), r.Mode, r.Status, r.Memo, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.ControlledBy);
}
