namespace Exchange.Grains.Participants;

/// <summary>What the platform operator decides about a participant's know-your-customer check.</summary>
public enum KycDecision
{
    Verify = 0,
    Reject = 1,
    Suspend = 2,
    Reinstate = 3,
}
