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
    public static string ForPoolCollection(Guid poolId) => "pool:" + poolId.ToString("N");

    public static bool TryGetParticipant(string accountId, out Guid participantId)
    {
        participantId = Guid.Empty;
        return accountId.StartsWith(ParticipantPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(accountId.AsSpan(ParticipantPrefix.Length), "N", out participantId);
    }

    /// <summary>Accounts whose balance may go negative: the outside world's side of every deposit and withdrawal.</summary>
    public static bool IsContraAccount(string accountId) => accountId == External;
}
