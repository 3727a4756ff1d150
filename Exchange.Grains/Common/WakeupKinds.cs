namespace Exchange.Grains.Common;

/// <summary>The grain kinds the start-up sweep wakes when reminders do not survive a restart.</summary>
public static class WakeupKinds
{
    public const string Patent = "patent";
    public const string Listing = "listing";
    public const string PatentTransfer = "patent-transfer";
    public const string License = "license";
    public const string Pledge = "pledge";
    public const string Pool = "pool";
}
