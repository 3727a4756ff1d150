namespace Exchange.Grains.Events;

public enum LicenseEventKind
{
    Executed = 0,
    RoyaltyReported = 1,
    RoyaltyPaid = 2,
    RoyaltyDistributed = 3,
    Suspended = 4,
    Terminated = 5,
    Expired = 6,
}
