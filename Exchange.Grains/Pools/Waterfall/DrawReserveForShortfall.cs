namespace Exchange.Grains.Pools;

/// <summary>
/// Draws on the reserve account for what the fee and interest steps before it in the waterfall left unpaid, and pays
/// it to them in their own order. Placing it right after the senior fee and interest steps is how a waterfall says
/// the reserve protects those and nothing junior to them; a waterfall holds at most one.
/// </summary>
public sealed record DrawReserveForShortfall : WaterfallStep;
