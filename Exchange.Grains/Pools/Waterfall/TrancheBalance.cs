using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What a tranche is owed at the start of a period.</summary>
/// <param name="UnpaidInterest">Interest due in earlier periods and not paid; it is due again this period (without interest on it).</param>
public sealed record TrancheBalance(string TrancheId, Money Outstanding, Money UnpaidInterest);
