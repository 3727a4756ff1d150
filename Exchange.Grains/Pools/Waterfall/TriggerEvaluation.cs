using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A trigger tested at the end of a period.</summary>
/// <param name="Measured">Coverage: the period's collections; missed interest: the senior interest paid.</param>
/// <param name="Threshold">Coverage: the multiple of senior interest due, rounded up to the fen (collections are whole fen,
/// so "below the exact multiple" and "below it rounded up" agree); missed interest: the senior interest due.</param>
public sealed record TriggerEvaluation(string TriggerId, TriggerKind Kind, bool Curable, bool Breached, Money Measured, Money Threshold);
