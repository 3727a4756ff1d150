using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Participants;
using Orleans.Concurrency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// A ledger account (a participant's, or the platform's escrow), keyed by its account id. It is the only
/// writer of debits on itself, so it alone decides whether funds suffice; credits from transfers are booked by
/// the paying account and picked up from the ledger when needed. Every call that moves money is idempotent
/// under the posting or transfer id it carries. A call made for an API command carries the client's
/// Idempotency-Key (<see cref="IdempotencyStamp"/>), which the ledger records in the same transaction as the money,
/// and refuses (<c>idempotency-key-reused</c>) when the key already names a different request.
/// </summary>
[Alias("exchange.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("balances")]
    Task<AccountSnapshot> GetBalances();

    /// <summary>Books money arriving from outside the exchange (external account → available).</summary>
    [Alias("deposit")]
    Task<AccountSnapshot> Deposit(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>Pays money out of the exchange (available → external account).</summary>
    [Alias("withdraw")]
    Task<AccountSnapshot> Withdraw(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>Moves a held transfer's amount from available to reserved and records the transfer.</summary>
    [Alias("reserve")]
    Task<TransferRecord> Reserve(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>
    /// Pays an immediate transfer in one posting (available → the payee's available) and records it as settled. A
    /// transfer that an earlier version reserved and left open is answered with its reservation, for its grain to settle.
    /// </summary>
    [Alias("pay")]
    Task<TransferBooking> Pay(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>Pays a reserved transfer to its payee.</summary>
    [Alias("settle")]
    Task<TransferRecord> Settle(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>Returns a reserved transfer's amount to available.</summary>
    [Alias("release")]
    Task<TransferRecord> Release(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null);

    /// <summary>
    /// Pays several recipients out of this account in one balanced posting: one debit, one credit per part (a
    /// royalty to owners and inventors). Idempotent under the posting id.
    /// </summary>
    [Alias("distribute")]
    Task<AccountSnapshot> Distribute(string postingId, IReadOnlyList<DistributionPart> parts, string memo, Actor actor);

    /// <summary>
    /// The owner's KYC status changed. The participant grain calls this before its decision returns, so a
    /// suspension stops debits as soon as it is acknowledged. Interleaves: it only replaces a cached value, and
    /// the account may at that moment be awaiting the same participant.
    /// </summary>
    [Alias("owner-kyc-changed")]
    [AlwaysInterleave]
    Task OwnerKycChanged(KycStatus status);
}
