using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A tranche as the pool's terms define it; what it still owes is in <see cref="TrancheBalance"/>.</summary>
/// <param name="AnnualCouponRate">The yearly coupon as a fraction (0.04 for 4%), accrued actual/360 (<see cref="DayCount"/>).</param>
public sealed record Tranche(string Id, TrancheSeniority Seniority, Money OriginalPrincipal, decimal AnnualCouponRate);
