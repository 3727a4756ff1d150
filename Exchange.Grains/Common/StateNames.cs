namespace Exchange.Grains.Common;

/// <summary>
/// Pinned names. Orleans keys a stored row by (service, state name, grain key) without the grain type, so two
/// grain types sharing a state name and key would overwrite each other: every grain type gets its own.
/// </summary>
public static class StateNames
{
    public const string StorageProvider = "exchange";
    public const string Participant = "participant-v1";
    public const string CreditCodeClaim = "credit-code-claim-v1";
    public const string Patent = "patent-v1";
    public const string Listing = "listing-v1";
    public const string PatentTransfer = "patent-transfer-v1";
    public const string License = "license-v1";
    public const string Pledge = "pledge-v1";
    public const string Pool = "pool-v1";
    public const string PoolStatement = "pool-statement-v1";
    public const string PoolHolderFlows = "pool-holder-flows-v1";
}
