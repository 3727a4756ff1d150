namespace Exchange.Grains.Pools;

/// <summary>What a trigger watches.</summary>
public enum TriggerKind
{
    /// <summary>The period's collections fall below a multiple of the senior interest due (e.g. 1.2 ×).</summary>
    Coverage = 0,

    /// <summary>The waterfall, reserve draw included, did not pay the senior tranches' interest in full.</summary>
    MissedSeniorInterest = 1,
}
