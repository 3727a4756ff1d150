using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pools;

namespace Exchange.Api.Demo;

/// <summary>
/// A securitization pool shaped like the 2019 Shenzhen patent-licence ABS, scaled down a hundredfold: the agency, as
/// originator, owns two patents licensed to the battery maker and the sensor start-up, and sells their royalties into
/// a pool of CNY 3.01 million — senior A CNY 2.8 million at 4% repaid over eight quarters, subordinated C kept by the
/// originator — with a trustee's fee, a reserve and a coverage trigger at 1.2× senior interest. The venture fund and
/// the battery maker subscribe (oversubscribed, allotted pro rata); two quarters have been distributed, the rest are
/// to come.
/// </summary>
public sealed partial class DemoMarket
{
    private static readonly LicenseTerms PooledTerms = new(LicenseType.Ordinary, ["CN"], ["H01M", "H04W"], 36, Money.Zero, 500, Money.Zero);

    public static Guid DemoPoolId => Id("pool:shenzhen-2019-style");

    /// <summary>The battery maker's first licence, with three royalty periods paid (it also holds a pooled open licence).</summary>
    public static Guid ElectrolyteLicenceId => Id("licence:electrolyte");

    /// <summary>The originator's two patents, registered with the others on the history's first day.</summary>
    private async Task<(string Anode, string Relay)> PooledPatentsAsync() => (
        await PatentAsync("pooled anode", Agency, "H01M 4/134", "Silicon-carbon composite anode with a self-healing binder", dueInDays: 38),
        await PatentAsync("pooled relay", Agency, "H04W 40/22", "Energy-harvesting relay selection for low-power sensor meshes", dueInDays: 33));

    private async Task<Guid> PooledRoyaltiesAsync((string Anode, string Relay) patents, DateOnly licensedOn)
    {
        var (anode, relay) = patents;
        clock.StandAt(licensedOn);
        Guid[] licences =
        [
            await OpenLicenceAsync(anode, BatteryMaker, licensedOn),
            await OpenLicenceAsync(relay, SensorStartup, licensedOn),
        ];
        for (var i = 0; i < licences.Length; i++)
        {
            // Filed with the office within its three months, as the electrolyte's licence was.
            await grains.GetGrain<ILicenseGrain>(licences[i]).FileRecord($"CNIPA-LIC-DEMO-POOL-{i + 1:D4}", Operator);
        }
        foreach (var (who, yuan) in new[] { (Ventures, 2_000_000m), (BatteryMaker, 1_500_000m), (SensorStartup, 500_000m), (Agency, 250_000m) })
        {
            await Account(who).Deposit($"deposit:demo:pool:{who}", Money.FromYuan(yuan), "demo: funds for the pool", Operator);
        }

        var pool = grains.GetGrain<IPoolGrain>(DemoPoolId);
        var closes = licensedOn.AddDays(14);
        var dates = Enumerable.Range(1, 8).Select(q => licensedOn.AddMonths(3 * q).AddDays(15)).ToArray();
        var originator = As(Agency, ParticipantRoles.Agency);
        await pool.Structure(new PoolDefinition("Zhongguancun SME patent licence royalties 2026-1", closes, dates,
            [
                new TrancheDefinition("A", TrancheSeniority.Senior, 28_000, Money.FromYuan(100m), 4m, 100, 20_000, Amortization.EqualParts),
                new TrancheDefinition("C", TrancheSeniority.Subordinated, 2_100, Money.FromYuan(100m), 0m, 2_100, 0, Amortization.AtMaturity),
            ],
            [
                new FeeDefinition("trustee", PlatformBootstrap.OperatorId, Money.FromYuan(5_000m), 0m),
                new FeeDefinition("servicer", _ids[Agency], Money.Zero, 0.5m),
            ],
            Money.FromYuan(30_000m), 1.2m, CoverageTriggerCurable: true, MissedSeniorInterestTrigger: true, CleanUpCallPercent: 10m, MaxHolders: 200, MinimumHoldingTradingDays: 5,
            [.. dates.Select(_ => Money.FromYuan(400_000m))]), originator);
        foreach (var licence in licences)
        {
            await pool.AssignReceivable(licence, originator);
        }
        await pool.OpenSubscription(originator);
        clock.StandAt(licensedOn.AddDays(3));
        await pool.Subscribe(Id("subscription:ventures"), "A", 20_000, As(Ventures, ParticipantRoles.Investor));
        await pool.Subscribe(Id("subscription:battery"), "A", 12_000, As(BatteryMaker, ParticipantRoles.Investor));
        await pool.Subscribe(Id("subscription:agency"), "C", 2_100, originator);
        clock.StandAt(closes.AddDays(1));
        await pool.CloseSubscription(Operator);
        for (var q = 0; dates[q] <= clock.RealToday; q++)
        {
            // The licensees report and pay each quarter ten days after it ends; the pool distributes five days later.
            clock.StandAt(licensedOn.AddMonths(3 * (q + 1)).AddDays(10));
            await PayPooledRoyaltyAsync(licences[0], q, BatteryMaker, 5_000_000m + 150_000m * q);
            await PayPooledRoyaltyAsync(licences[1], q, SensorStartup, 3_000_000m + 90_000m * q);
            clock.StandAt(dates[q]);
            await pool.Distribute(Operator);
        }
        return DemoPoolId;
    }

    /// <summary>The agency declares an open licence (5% of net sales, no fee) and the licensee takes it by notice.</summary>
    private async Task<Guid> OpenLicenceAsync(string number, int licensee, DateOnly today)
    {
        await grains.GetGrain<IPatentGrain>(number).DeclareOpenLicense(PooledTerms with { Fields = [PooledTerms.Fields[licensee == BatteryMaker ? 0 : 1]] }, As(Agency, ParticipantRoles.Owner));
        var licence = grains.GetGrain<ILicenseGrain>(Id("licence:pooled:" + number));
        return (await licence.ObtainOpenLicense(number, today, As(licensee, ParticipantRoles.Licensee))).LicenseId;
    }

    private async Task PayPooledRoyaltyAsync(Guid licence, int period, int licensee, decimal netSales)
    {
        await grains.GetGrain<ILicenseGrain>(licence).ReportNetSales(period, Money.FromYuan(netSales), As(licensee, ParticipantRoles.Licensee));
        await grains.GetGrain<ILicenseGrain>(licence).PayRoyalty(period, As(licensee, ParticipantRoles.Licensee));
    }
}
