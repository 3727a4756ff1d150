namespace Exchange.Grains.Pools;

/// <summary>Moves cash into the reserve account until it holds its target (<see cref="PoolTerms.ReserveTarget"/>).</summary>
public sealed record TopUpReserve : WaterfallStep;
