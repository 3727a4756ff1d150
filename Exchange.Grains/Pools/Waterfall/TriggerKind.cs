namespace Exchange.Grains.Pools;

/// <summary>What a trigger watches.</summary>
public enum TriggerKind
{
    /// <summary>The period's collections (not the reserve, nor cash carried in) fall below a multiple (e.g. 1.2 ×) of the senior interest due, arrears included.</summary>
    Coverage = 0,

    /// <summary>The waterfall, reserve draw included, did not pay the senior tranches' interest in full.</summary>
    MissedSeniorInterest = 1,
}
