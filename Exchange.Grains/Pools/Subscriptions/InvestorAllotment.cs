using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>What one subscriber gets: units, the money kept for them (units × price), and the rest of its escrow refunded.</summary>
public sealed record InvestorAllotment(string InvestorId, long UnitsRequested, long UnitsAllotted, Money MoneyPaidIn, Money MoneyKept, Money MoneyRefunded);
