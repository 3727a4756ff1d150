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
}
