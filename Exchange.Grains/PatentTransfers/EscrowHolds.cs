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

    /// <summary>All or nothing: a buyer short of funds for one seller's part gets the other parts back at once.</summary>
    public static async Task ReserveAllAsync(IGrainFactory grains, Guid transferId, IReadOnlyList<PatentOwner> sellers, int attempt,
        IEnumerable<(Guid HoldId, TransferRequest Request)> holds, Actor buyer)
    {
        try
        {
            foreach (var (holdId, request) in holds)
            {
                var held = await grains.GetGrain<ITransferGrain>(holdId).Execute(request, buyer);
                if (held.Status != TransferStatus.FundsReserved)
                {
                    throw new DomainException(DomainErrors.InvalidTransition, $"Escrow hold {held.TransferId} is {held.Status}, not reserved.");
                }
            }
        }
        catch (DomainException)
        {
            await ReleaseAllAsync(grains, transferId, sellers, attempt);
            throw;
        }
    }

    /// <summary>Releases every hold of attempts up to <paramref name="attempts"/> that is still reserved.</summary>
    public static async Task ReleaseAllAsync(IGrainFactory grains, Guid transferId, IReadOnlyList<PatentOwner> sellers, int attempts)
    {
        foreach (var holdId in AllIds(transferId, sellers, attempts))
        {
            var hold = grains.GetGrain<ITransferGrain>(holdId);
            if (await hold.TryGet() is { Status: TransferStatus.FundsReserved })
            {
                await hold.Release(Actor.System);
            }
        }
    }
}
