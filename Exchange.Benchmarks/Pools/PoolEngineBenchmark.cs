using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Benchmarks.Pools;

/// <summary>
/// One distribution period of a three-tranche pool (issue 12), with no grain and no storage: senior A (7,000 holders),
/// mezzanine B (2,000) and subordinated C (1,000), 10,000 holders in all, each with 10 to 16 units of CNY 100; a
/// trustee fee and a servicer fee; collections that pay every tranche something. (a) the waterfall alone, (b) the
/// waterfall and the split of each tranche's payment among its holders into one part per account, as the pool grain
/// does before it posts. A pool grain is capped at 200 holders by law; 10,000 is the engine's headroom, and the shape
/// of a distribution the ledger is asked to post (see <see cref="PoolLoadBenchmark"/>).
/// </summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class PoolEngineBenchmark
{
    private PoolDefinition _definition = null!;
    private PoolTerms _terms = null!;
    private PoolBalances _balances = null!;
    private DistributionPeriod _period = null!;
    private PoolHolding[] _holdings = null!;
    private Money _collections;

    [Params(10_000)]
    public int Holders { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        var issuedOn = new DateOnly(2027, 1, 4);
        var random = new Random(12);
        var holdings = new List<PoolHolding>(Holders);
        for (var i = 0; i < Holders; i++)
        {
            var tranche = (i * 10 / Holders) switch { < 7 => "A", < 9 => "B", _ => "C" };
            holdings.Add(new PoolHolding(new Guid(random.Next(), (short)random.Next(), (short)random.Next(), [.. Enumerable.Range(0, 8).Select(_ => (byte)random.Next(256))]),
                tranche, 10 + i % 7, issuedOn));
        }
        _holdings = [.. holdings];
        var units = _holdings.GroupBy(h => h.TrancheId).ToDictionary(g => g.Key, g => g.Sum(h => h.Units));
        var trustee = Guid.Parse("7a1c0e7e-0000-4000-8000-000000000001");
        var servicer = Guid.Parse("7a1c0e7e-0000-4000-8000-000000000002");
        _definition = new PoolDefinition("Bench royalties 2027-1", issuedOn.AddDays(-1),
            [issuedOn.AddDays(90), issuedOn.AddDays(181), issuedOn.AddDays(273), issuedOn.AddDays(365)],
            [
                new TrancheDefinition("A", TrancheSeniority.Senior, units["A"], Money.FromYuan(100m), 4m, 1, 1, Amortization.EqualParts),
                new TrancheDefinition("B", TrancheSeniority.Mezzanine, units["B"], Money.FromYuan(100m), 6m, 1, 0, Amortization.EqualParts),
                new TrancheDefinition("C", TrancheSeniority.Subordinated, units["C"], Money.FromYuan(100m), 0m, 1, 0, Amortization.AtMaturity),
            ],
            [new FeeDefinition("trustee", trustee, Money.FromYuan(1_000m), 0m), new FeeDefinition("servicer", servicer, Money.Zero, 0.5m)],
            Money.FromYuan(20_000m), 1.2m, CoverageTriggerCurable: true, MissedSeniorInterestTrigger: false, CleanUpCallPercent: 10m, PoolStructure.LegalMaxHolders, 5,
            [.. Enumerable.Repeat(Money.FromYuan(3_500_000m), 4)]);
        _terms = PoolStructure.Terms(_definition, units);
        _balances = PoolBalances.AtIssue(_terms, Money.FromYuan(20_000m));
        _period = PoolStructure.Period(_definition, _terms, issuedOn, 0);
        // Enough for fees, every coupon, the scheduled principal, the reserve, and a residual to C: all 10,000 holders are paid.
        _collections = Money.FromYuan(3_500_000m);
        var check = Pay();
        if (check.Parts.Count != Holders + 2)
        {
            throw new InvalidOperationException($"The period pays {check.Parts.Count} accounts, not the {Holders} holders and 2 fees.");
        }
    }

    [Benchmark(Baseline = true)]
    public PeriodReport Waterfall() => WaterfallEngine.Run(_terms, _balances, _period, _collections);

    [Benchmark]
    public PoolPayout WaterfallAndPay() => Pay();

    private PoolPayout Pay() => PoolDistribution.Pay(_definition, WaterfallEngine.Run(_terms, _balances, _period, _collections), _holdings);
}
