using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A fee left unpaid by earlier periods; like interest, it is due again, ahead of this period's own.</summary>
public sealed record FeeBalance(string FeeId, Money Unpaid);
