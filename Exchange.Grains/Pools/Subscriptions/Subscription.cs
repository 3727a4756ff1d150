namespace Exchange.Grains.Pools;

/// <summary>An investor's subscription to a tranche: the units asked for, paid into escrow at the unit price.</summary>
public sealed record Subscription(string InvestorId, long UnitsRequested);
