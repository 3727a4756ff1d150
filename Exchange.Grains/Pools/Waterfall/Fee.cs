using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>A fee the waterfall pays (trustee, servicer), fixed per period or a rate on the outstanding principal.</summary>
public sealed record Fee(string Id, FeeBasis Basis, Money FixedAmount, decimal AnnualRate)
{
    public static Fee Fixed(string id, Money perPeriod) => new(id, FeeBasis.FixedPerPeriod, perPeriod, 0m);

    public static Fee OnOutstanding(string id, decimal annualRate) => new(id, FeeBasis.RateOnOutstanding, Money.Zero, annualRate);
}
