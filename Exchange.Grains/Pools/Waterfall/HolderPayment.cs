using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>One holder's part of what a tranche was paid.</summary>
public sealed record HolderPayment(string HolderId, long Units, Money Amount);
