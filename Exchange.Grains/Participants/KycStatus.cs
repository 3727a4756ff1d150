namespace Exchange.Grains.Participants;

public enum KycStatus
{
    Pending = 0,
    Verified = 1,
    Rejected = 2,
    Suspended = 3,
}
