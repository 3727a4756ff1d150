using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Patents;

namespace Exchange.Grains.PatentTransfers;

/// <summary>
/// The escrow of a patent transfer: one held ledger transfer from the buyer to each seller (the price split by share).
/// Each escrow attempt has its own hold ids, derived from the transfer, the attempt and the seller, so an attempt
/// that failed half way never blocks the next and a repeat of one attempt reserves nothing twice.
/// </summary>
internal static class EscrowHolds
{
    public static Guid IdOf(Guid transferId, int attempt, Guid sellerId) =>
        DeterministicId.From("patent-transfer-escrow", transferId.ToString("N"), attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), sellerId.ToString("N"));

    /// <summary>Every hold of every attempt so far.</summary>
    public static IEnumerable<Guid> AllIds(Guid transferId, IReadOnlyList<PatentOwner> sellers, int attempts) =>
        Enumerable.Range(1, attempts).SelectMany(a => sellers.Select(s => IdOf(transferId, a, s.ParticipantId)));

    /// <summary>
    /// All or nothing: a buyer short of funds for one seller's part gets the other parts back at once, and is told
    /// what the whole escrow needs against what it has, not the part that happened to fail.
    /// </summary>
    public static async Task ReserveAllAsync(IGrainFactory grains, Guid transferId, string applicationNumber, IReadOnlyList<PatentOwner> sellers, int attempt,
        IReadOnlyList<(Guid HoldId, TransferRequest Request)> holds, Actor buyer)
    {
        try
        {
            foreach (var (holdId, request) in holds)
            {
                var held = await grains.GetGrain<ITransferGrain>(holdId).Execute(request, buyer);
                if (!TransferLifecycle.HoldsFunds(held.Status))
                {
                    throw new DomainException(DomainErrors.InvalidTransition,
                        $"The escrow of patent transfer {transferId} could not be reserved: one seller's part is already {TransferLifecycle.Describe(held.Status)}.");
                }
            }
        }
        catch (DomainException refusal)
        {
            await ReleaseAllAsync(grains, transferId, sellers, attempt);
            if (refusal.Error == DomainErrors.InsufficientFunds && holds.Count > 0)
            {
                throw await ShortOfFundsAsync(grains, applicationNumber, holds);
            }
            throw;
        }
    }

    /// <summary>The buyer's refusal in full: the total the escrow needs, what is available once every part is back.</summary>
    private static async Task<DomainException> ShortOfFundsAsync(IGrainFactory grains, string applicationNumber, IReadOnlyList<(Guid HoldId, TransferRequest Request)> holds)
    {
        var buyerId = holds[0].Request.PayerParticipantId;
        var total = new Money(holds.Sum(h => h.Request.Amount.Fen));
        var available = (await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(buyerId)).GetBalances()).Available;
        // Money may have come in since the refusal: then the shortfall is none, and a retry succeeds.
        var shortfall = available < total ? total - available : Money.Zero;
        return new DomainException(DomainErrors.InsufficientFunds,
            $"Buyer {buyerId} has {available} available, short by {shortfall} of the {total} that the purchase of patent {applicationNumber} puts into escrow.");
    }

    /// <summary>Releases every hold of attempts up to <paramref name="attempts"/> that is still reserved.</summary>
    public static async Task ReleaseAllAsync(IGrainFactory grains, Guid transferId, IReadOnlyList<PatentOwner> sellers, int attempts)
    {
        foreach (var holdId in AllIds(transferId, sellers, attempts))
        {
            var hold = grains.GetGrain<ITransferGrain>(holdId);
            if (await hold.TryGet() is { } snapshot && TransferLifecycle.HoldsFunds(snapshot.Status))
            {
                await hold.Release(Actor.System);
            }
        }
    }
}
