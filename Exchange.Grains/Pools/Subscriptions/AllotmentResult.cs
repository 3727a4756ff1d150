using Exchange.Grains.Common;

namespace Exchange.Grains.Pools;

/// <summary>The end of a subscription window; the totals add up: kept + refunded = paid in, units issued ≤ offered.</summary>
public sealed record AllotmentResult(AllotmentOutcome Outcome, IReadOnlyList<InvestorAllotment> Allotments)
{
    public long UnitsIssued => Allotments.Sum(a => a.UnitsAllotted);

    public Money MoneyPaidIn => new(Allotments.Sum(a => a.MoneyPaidIn.Fen));

    public Money MoneyKept => new(Allotments.Sum(a => a.MoneyKept.Fen));

    public Money MoneyRefunded => new(Allotments.Sum(a => a.MoneyRefunded.Fen));
}
