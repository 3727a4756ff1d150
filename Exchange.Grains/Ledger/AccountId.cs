namespace Exchange.Grains.Ledger;

/// <summary>
/// Names a ledger account. Participants each have one (with available and reserved buckets); the platform has
/// an escrow account; money entering or leaving the exchange passes through the single external account.
/// </summary>
public static class AccountId
{
    public const string External = "external";
    public const string PlatformEscrow = "platform:escrow";
    private const string ParticipantPrefix = "participant:";

    public static string ForParticipant(Guid participantId) => ParticipantPrefix + participantId.ToString("N");

    /// <summary>A securitization pool's collection account, where the royalties sold into the pool arrive.</summary>
    public static string ForPoolCollection(Guid poolId) => PoolCollectionPrefix + poolId.ToString("N");

    private const string PoolCollectionPrefix = "pool:";

    /// <summary>A pool's order escrow: the money of buy orders resting in its book, paid out only by the pool, to sellers as orders fill and back to buyers.</summary>
    public static string ForPoolOrders(Guid poolId) => PoolOrdersPrefix + poolId.ToString("N");

    private const string PoolOrdersPrefix = "pool-orders:";

    /// <summary>
    /// A pledge's proceeds account: the money of deals in its collateral the pledgee consented to arrives here, and the
    /// pledge alone pays it out (to early repayment, or from escrow once the loan is repaid or enforced).
    /// </summary>
    public static string ForPledgeProceeds(Guid pledgeId) => PledgeProceedsPrefix + pledgeId.ToString("N");

    private const string PledgeProceedsPrefix = "pledge:";

    /// <summary>Accounts the exchange keeps for others (the platform's escrow, a pledge's proceeds): they receive money without a participant's KYC.</summary>
    public static bool IsKeptByTheExchange(string accountId) =>
        accountId == PlatformEscrow || IsKept(accountId, PledgeProceedsPrefix) || IsKept(accountId, PoolCollectionPrefix)
        || IsKept(accountId, PoolOrdersPrefix);

    private static bool IsKept(string accountId, string prefix) =>
        accountId.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(accountId.AsSpan(prefix.Length), "N", out _);

    public static bool TryGetParticipant(string accountId, out Guid participantId)
    {
        participantId = Guid.Empty;
        return accountId.StartsWith(ParticipantPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(accountId.AsSpan(ParticipantPrefix.Length), "N", out participantId);
    }

    /// <summary>Accounts whose balance may go negative: the outside world's side of every deposit and withdrawal.</summary>
    public static bool IsContraAccount(string accountId) => accountId == External;
}
