using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pools;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Pools;

/// <summary>
/// A small pool on the cluster: an agency that owns a patent licensed at 3% of net sales (CNY 3,000 a quarter on
/// CNY 100,000 of sales), structuring senior tranche A (100 units of CNY 100 at 4%, lots of 10, at least 50 to issue,
/// repaid in four equal parts) and subordinated C (10 units, kept by the originator), a trustee fee of CNY 100 a
/// period, a reserve of CNY 500, a coverage trigger at 1.2 × senior interest; four dates, about a quarter apart.
/// </summary>
internal sealed class PoolSteps(ClusterFixture fixture)
{
    public Guid Originator { get; private set; }
    public Guid Trustee { get; private set; }
    public Guid Licensee { get; private set; }
    public ILicenseGrain Licence { get; private set; } = null!;
    public DateOnly Start { get; private set; }

    public Actor AsOriginator => new(Originator, "Agency");

    public static Actor As(Guid participant) => new(participant, "Investor");

    public async Task<PoolSteps> ReadyAsync(int licenceMonths = 24)
    {
        Start = fixture.Today;
        Originator = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency | ParticipantRoles.Owner | ParticipantRoles.Investor);
        await fixture.Account(Originator).Deposit("deposit:" + Guid.NewGuid().ToString("N"), Money.FromYuan(100_000m), "funding", Actor.System);
        Trustee = await fixture.NewParticipantAsync(roles: ParticipantRoles.Operator);
        Licensee = await fixture.FundedParticipantAsync(100_000_000);
        Licence = await LicenceAsync(Originator, licenceMonths);
        return this;
    }

    public async Task<ILicenseGrain> LicenceAsync(Guid owner, int months)
    {
        var (number, _) = await fixture.PatentInForceAsync(ownerIds: [owner], title: "Pooled cathode");
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], Licensee,
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], months, Money.Zero, 300, Money.FromYuan(5_000), PaymentsPerYear: 4), fixture.Today), Actor.System);
        await licence.Submit(Actor.System);
        return licence;
    }

    public DateOnly ClosesOn => Start.AddDays(10);

    public PoolDefinition Definition(long seniorUnits = 100, long seniorMinimum = 50, int maxHolders = 200, decimal coverage = 1.2m, decimal cleanUpCallPercent = 10m) => new(
        "Cathode royalties 2027-1", ClosesOn, [Start.AddDays(100), Start.AddDays(190), Start.AddDays(280), Start.AddDays(370)],
        [
            new TrancheDefinition("A", TrancheSeniority.Senior, seniorUnits, Money.FromYuan(100m), 4m, 10, seniorMinimum, Amortization.EqualParts),
            new TrancheDefinition("C", TrancheSeniority.Subordinated, 10, Money.FromYuan(100m), 0m, 10, 0, Amortization.AtMaturity),
        ],
        [new FeeDefinition("trustee", Trustee, Money.FromYuan(100m), 0m)],
        Money.FromYuan(500m), coverage, CoverageTriggerCurable: true, MissedSeniorInterestTrigger: false, cleanUpCallPercent, maxHolders, 5,
        [Money.FromYuan(3_000m), Money.FromYuan(3_000m), Money.FromYuan(3_000m), Money.FromYuan(3_000m)]);

    /// <summary>Structured with the licence's receivable and open for subscription.</summary>
    public async Task<IPoolGrain> OpenPoolAsync(PoolDefinition? definition = null)
    {
        var pool = fixture.Grains.GetGrain<IPoolGrain>(Guid.NewGuid());
        await pool.Structure(definition ?? Definition(), AsOriginator);
        await pool.AssignReceivable(Licence.GetPrimaryKey(), AsOriginator);
        await pool.OpenSubscription(AsOriginator);
        return pool;
    }

    /// <summary>Opened, subscribed (each investor funded with CNY 20,000 and taking its units of A), and issued the day after the window.</summary>
    public async Task<(IPoolGrain Pool, Guid[] Investors)> IssuedAsync(PoolDefinition? definition, params long[] unitsOfA)
    {
        var pool = await OpenPoolAsync(definition);
        var investors = new Guid[unitsOfA.Length];
        for (var i = 0; i < unitsOfA.Length; i++)
        {
            investors[i] = await fixture.FundedParticipantAsync(2_000_000);
            await pool.Subscribe(Guid.NewGuid(), "A", unitsOfA[i], As(investors[i]));
        }
        AdvanceTo(ClosesOn.AddDays(1));
        await pool.CloseSubscription(Actor.System);
        return (pool, investors);
    }

    /// <summary>The licensee reports CNY 100,000 of net sales for the quarter and pays its 3% royalty.</summary>
    public async Task PayQuarterAsync(int quarter)
    {
        await Licence.ReportNetSales(quarter, Money.FromYuan(100_000m), new Actor(Licensee, "Licensee"));
        await Licence.PayRoyalty(quarter, new Actor(Licensee, "Licensee"));
    }

    public void AdvanceTo(DateOnly day) => fixture.Clock.Advance(TimeSpan.FromDays(day.DayNumber - fixture.Today.DayNumber));
}
