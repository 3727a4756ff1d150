namespace Exchange.Grains.Patents;

/// <summary>A patent's legal status (domain.md §3). <see cref="Restored"/> is in force, reached through restoration.</summary>
public enum LegalStatus
{
    Pending = 0,
    InForce = 1,
    GracePeriod = 2,
    Lapsed = 3,
    Restored = 4,
    Expired = 5,
    Invalidated = 6,
}
