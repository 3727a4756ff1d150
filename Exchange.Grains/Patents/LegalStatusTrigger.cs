namespace Exchange.Grains.Patents;

public enum LegalStatusTrigger
{
    Grant = 0,
    FeeOverdue = 1,
    FeePaid = 2,
    GraceExpired = 3,
    Restore = 4,
    TermEnded = 5,
    Invalidate = 6,

    // Checks, not moves: allowed (as internal transitions) only where the law allows the act.

    /// <summary>A licence starts on the patent: only while in force.</summary>
    License = 20,

    /// <summary>The patent is assigned to a buyer: only while in force.</summary>
    Transfer = 21,

    /// <summary>The owner offers an open licence: only while in force.</summary>
    OfferOpenLicense = 22,

    /// <summary>An annual fee is paid: while in force or in the grace period.</summary>
    PayFee = 23,
}
