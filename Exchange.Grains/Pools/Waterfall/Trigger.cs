namespace Exchange.Grains.Pools;

/// <summary>
/// A condition that switches the pool to its accelerated waterfall. A curable trigger lets the pool return to normal
/// in a later period in which no trigger holds; a non-curable one keeps it accelerated for good (as the BioPharma
/// Royalty Trust's early amortization did).
/// </summary>
/// <param name="CoverageMultiple">For <see cref="TriggerKind.Coverage"/>: the multiple of senior interest due that collections must reach.</param>
public sealed record Trigger(string Id, TriggerKind Kind, bool Curable, decimal CoverageMultiple = 0m)
{
    public static Trigger Coverage(string id, decimal multiple, bool curable) => new(id, TriggerKind.Coverage, curable, multiple);

    public static Trigger MissedSeniorInterest(string id, bool curable) => new(id, TriggerKind.MissedSeniorInterest, curable);
}
