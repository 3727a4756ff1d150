using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>
/// A small pool whose periods can be worked by hand: senior A CNY 1,000,000 at 4%, mezzanine B 200,000 at 6%,
/// subordinated C 100,000 at 0%; a trustee fee of 1,000 a period and a servicer fee of 0.5% a year on the outstanding
/// principal; a reserve target of 20,000; a clean-up call below 10%. Its 90-day quarters make 90/360 = ¼, so a
/// quarter's interest is A 10,000.00, B 3,000.00, and the servicer's 1,625.00 (1,300,000 × 0.5% × ¼).
/// </summary>
internal static class SamplePool
{
    public static readonly DateOnly Q1Start = new(2026, 1, 1);
    public static readonly DateOnly Q2Start = new(2026, 4, 1);
    public static readonly DateOnly Q3Start = new(2026, 6, 30);
    public static readonly DateOnly Q4Start = new(2026, 9, 28);

    public static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    public static PoolTerms Terms(params Trigger[] triggers) => new(
        [
            new Tranche("A", TrancheSeniority.Senior, Yuan(1_000_000m), 0.04m),
            new Tranche("B", TrancheSeniority.Mezzanine, Yuan(200_000m), 0.06m),
            new Tranche("C", TrancheSeniority.Subordinated, Yuan(100_000m), 0m),
        ],
        [Fee.Fixed("trustee", Yuan(1_000m)), Fee.OnOutstanding("servicer", 0.005m)],
        Yuan(20_000m),
        triggers,
        0.10m,
        NormalWaterfall,
        AcceleratedWaterfall);

    /// <summary>Fees, senior interest (the reserve covering them), senior principal by schedule, mezzanine, the reserve, the residual.</summary>
    public static readonly IReadOnlyList<WaterfallStep> NormalWaterfall =
    [
        new PayFee("trustee"),
        new PayFee("servicer"),
        new PayInterest("A"),
        new DrawReserveForShortfall(),
        new PayPrincipal("A", PrincipalBasis.BySchedule),
        new PayInterest("B"),
        new PayPrincipal("B", PrincipalBasis.BySchedule),
        new TopUpReserve(),
        new PayPrincipal("C", PrincipalBasis.BySchedule),
        new PayResidual("C"),
    ];

    /// <summary>Early amortization: after fees and senior interest, everything to senior principal until it is repaid.</summary>
    public static readonly IReadOnlyList<WaterfallStep> AcceleratedWaterfall =
    [
        new PayFee("trustee"),
        new PayFee("servicer"),
        new PayInterest("A"),
        new DrawReserveForShortfall(),
        new PayPrincipal("A", PrincipalBasis.AllAvailable),
        new PayInterest("B"),
        new PayPrincipal("B", PrincipalBasis.AllAvailable),
        new PayPrincipal("C", PrincipalBasis.AllAvailable),
        new PayResidual("C"),
    ];

    /// <summary>A quarter in which A's schedule calls for 50,000 of principal.</summary>
    public static DistributionPeriod Quarter(DateOnly start, DateOnly end) => new(start, end, [new ScheduledPrincipal("A", Yuan(50_000m))]);

    public static DistributionPeriod FirstQuarter => Quarter(Q1Start, Q2Start);

    public static DistributionPeriod SecondQuarter => Quarter(Q2Start, Q3Start);

    public static DistributionPeriod ThirdQuarter => Quarter(Q3Start, Q4Start);

    public static PoolBalances FundedReserve(PoolTerms terms) => PoolBalances.AtIssue(terms, Yuan(20_000m));

    /// <summary>The cash identity every period keeps.</summary>
    public static void AssertCashConserved(PeriodReport report)
    {
        Assert.Equal(report.CashCarriedIn + report.Collections + report.ReserveDraw, report.PaidOut + report.ReserveTopUp + report.RetainedCash);
        Assert.Equal(report.PaidOut, new Money(report.Steps.SelectMany(s => s.Payments).Where(p => p.Kind != PaymentKind.ReserveTopUp).Sum(p => p.Paid.Fen)));
    }
}
