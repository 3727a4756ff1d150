namespace Exchange.Grains.Pools;

/// <summary>The units of one tranche an investor holds on a distribution date.</summary>
public sealed record Holding(string HolderId, long Units);
