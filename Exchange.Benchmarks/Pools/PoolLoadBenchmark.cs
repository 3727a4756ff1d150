using System.Diagnostics;
using Exchange.Benchmarks.Licenses;
using Exchange.Benchmarks.Navigation;
using Exchange.Benchmarks.Transfers;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pools;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Benchmarks.Pools;

/// <summary>
/// Securitization pools end to end on an in-process silo (issue 12): (a) one ledger distribution posting to 10,000
/// investors' accounts out of a pool collection account; (b) a pool's distribution date through the pool grain with
/// the legal maximum of 200 holders, each pool with investors of its own, one pool after another; then (b') the next
/// date of every pool at once — with 50 pools, 10,000 investors paid end to end on one day, the way the issue's
/// "10,000 investors" can be met while no pool passes the law's 200 holders; (c) negotiated unit trades settled
/// delivery versus payment, on one pool and on up to four at once. The business clock is moved forward (the window's close, a quarter, the five-trading-day wait).
/// </summary>
public static class PoolLoadBenchmark
{
    private const int Holders = PoolStructure.LegalMaxHolders;

    public static async Task RunAsync(string storage, string? connectionString, int investors, int repetitions, int concurrency, int pools, int rounds)
    {
        var clock = new ShiftableClock();
        using var host = await ShiftableSilo.StartAsync(clock, storage, connectionString, "pools", 21117, 31006);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = Today();

        var setUp = Stopwatch.StartNew();
        var salt = Random.Shared.Next(1_000, 10_000).ToString("D4");
        var people = new Guid[investors];
        await Parallel.ForAsync(0, investors, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var id = Guid.NewGuid();
            var participant = grains.GetGrain<IParticipantGrain>(id);
            await participant.Register(new RegisterParticipant($"Bench investor {i}", ParticipantKind.Enterprise,
                CreditCodeRules.CompleteUnifiedSocialCreditCode("9111" + salt + i.ToString("D9")), ParticipantRoles.Investor, true, false), Actor.System);
            await participant.DecideKyc(KycDecision.Verify, "benchmark", Actor.System);
            people[i] = id;
        });
        Console.WriteLine($"{investors} registered, KYC-verified investors: set up in {setUp.Elapsed.TotalSeconds:F0} s");

        await LedgerDistributionAsync(grains, storage, people, repetitions);

        // (b) pools of 200 holders each, worked in step on one clock.
        setUp.Restart();
        var originator = await RegisterAsync(grains, "Bench pool agency " + salt, ParticipantRoles.Agency | ParticipantRoles.Owner | ParticipantRoles.Investor, salt, 900_000_001);
        var trustee = await RegisterAsync(grains, "Bench pool trustee " + salt, ParticipantRoles.Operator, salt, 900_000_002);
        var licensee = await RegisterAsync(grains, "Bench pool licensee " + salt, ParticipantRoles.Licensee | ParticipantRoles.Investor, salt, 900_000_003);
        await Fund(grains, originator, Money.FromYuan(1_000_000m));
        await Fund(grains, licensee, Money.FromYuan(100_000_000m));
        // Each pool has 200 investors of its own while there are enough (50 pools: all 10,000), then they repeat.
        var holdersOf = Enumerable.Range(0, pools).Select(p => Enumerable.Range(0, Holders).Select(i => people[(p * Holders + i) % people.Length]).ToArray()).ToArray();
        var funded = holdersOf.SelectMany(h => h).Distinct().ToArray();
        await Parallel.ForAsync(0, funded.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) => await Fund(grains, funded[i], Money.FromYuan(1_000_000m)));
        var closesOn = start.AddDays(10);
        var dates = new[] { start.AddDays(100), start.AddDays(190), start.AddDays(280), start.AddDays(370) };
        var poolIds = new Guid[pools];
        var licences = new ILicenseGrain[pools];
        for (var p = 0; p < pools; p++)
        {
            licences[p] = await LicenceAsync(grains, originator, licensee, 800_000 + p, start);
            poolIds[p] = Guid.NewGuid();
            var pool = grains.GetGrain<IPoolGrain>(poolIds[p]);
            var agency = new Actor(originator, "Agency");
            await pool.Structure(Definition(closesOn, dates, trustee, p), agency);
            await pool.AssignReceivable(licences[p].GetPrimaryKey(), agency);
            await pool.OpenSubscription(agency);
            // 140 holders of senior A, 40 of mezzanine B, 20 of subordinated C: 100 units each, the tranches exactly filled.
            var holders = holdersOf[p];
            await Parallel.ForAsync(0, Holders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                await pool.Subscribe(Guid.NewGuid(), TrancheOf(i), 100, new Actor(holders[i], "Investor")));
        }
        clock.Shift(TimeSpan.FromDays(closesOn.DayNumber + 1 - Today().DayNumber));
        foreach (var id in poolIds)
        {
            var issued = await grains.GetGrain<IPoolGrain>(id).CloseSubscription(new Actor(originator, "Agency"));
            if (issued.Status != PoolStatus.Active)
            {
                throw new InvalidOperationException($"Pool {id} is {issued.Status}, not issued: {issued.EndReason}");
            }
        }
        clock.Shift(TimeSpan.FromDays(dates[0].DayNumber - 5 - Today().DayNumber));
        foreach (var licence in licences)
        {
            await licence.ReportNetSales(0, Money.FromYuan(20_000_000m), new Actor(licensee, "Licensee"));
            await licence.PayRoyalty(0, new Actor(licensee, "Licensee"));
        }
        Console.WriteLine($"{pools} pools of {Holders} holders each ({funded.Length} investors in all) structured, subscribed, issued and paid a quarter's royalty (CNY 600,000, enough to pay every tranche): set up in {setUp.Elapsed.TotalSeconds:F0} s");

        clock.Shift(TimeSpan.FromDays(dates[0].DayNumber - Today().DayNumber));
        var times = new List<double>();
        var first = true;
        foreach (var id in poolIds)
        {
            var pool = grains.GetGrain<IPoolGrain>(id);
            var started = Stopwatch.GetTimestamp();
            var paid = await pool.Distribute(Actor.System);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var period = (await pool.GetPeriods()).Single();
            Console.WriteLine($"  pool {id:N}: distribution date in {ms:F0} ms{(first ? " (the first, with the JIT cold)" : "")}: {period.Collections} collected, {period.PaidOut} paid out to {period.HoldersPaid} holders and the fee; {paid.DistributionsMade} date(s) made");
            if (!first || pools == 1)
            {
                times.Add(ms);
            }
            first = false;
        }
        times.Sort();
        Console.WriteLine($"pool distribution date, {Holders} holders, through the pool grain, {storage} storage: median {times[times.Count / 2]:F0} ms of {times.Count} (min {times[0]:F0}, max {times[^1]:F0})");

        // (b') the next date of every pool at once: every investor of every pool paid, statements included.
        clock.Shift(TimeSpan.FromDays(dates[1].DayNumber - 5 - Today().DayNumber));
        foreach (var licence in licences)
        {
            await licence.ReportNetSales(1, Money.FromYuan(20_000_000m), new Actor(licensee, "Licensee"));
            await licence.PayRoyalty(1, new Actor(licensee, "Licensee"));
        }
        clock.Shift(TimeSpan.FromDays(dates[1].DayNumber - Today().DayNumber));
        var together = Stopwatch.StartNew();
        var made = await Task.WhenAll(poolIds.Select(id => grains.GetGrain<IPoolGrain>(id).Distribute(Actor.System)));
        var wall = together.Elapsed;
        var periods = await Task.WhenAll(poolIds.Select(async id => (await grains.GetGrain<IPoolGrain>(id).GetPeriods())[^1]));
        Console.WriteLine($"one distribution date of {pools} pools at once, {periods.Sum(p => p.HoldersPaid)} holder payments to {funded.Length} investors "
            + $"({periods.Sum(p => p.PaidOut.Fen) / 100m:N2} CNY, every holder's statement written), {storage} storage: {wall.TotalMilliseconds:F0} ms; "
            + $"{made.Count(m => m.DistributionsMade == 2)} of {pools} pools made their second date");

        // (c) unit trades: each holder offers a unit to the next holder of its tranche; the buyers accept concurrently.
        await TradeRoundsAsync(grains, storage, poolIds[..1], holdersOf, rounds, concurrency, clock);
        if (pools > 1)
        {
            await TradeRoundsAsync(grains, storage, poolIds[..Math.Min(4, pools)], holdersOf, rounds, concurrency, clock);
        }
        await host.StopAsync();
    }

    /// <summary>One posting out of a pool collection account to every investor, each repetition a fresh posting id; the first, of 1,000 parts, warms up.</summary>
    private static async Task LedgerDistributionAsync(IGrainFactory grains, string storage, Guid[] people, int repetitions)
    {
        var account = grains.GetGrain<IAccountGrain>(AccountId.ForPoolCollection(Guid.NewGuid()));
        var parts = people.Select((p, i) => new DistributionPart(AccountId.ForParticipant(p), new Money(12_345 + i % 1_000))).ToArray();
        var total = new Money(parts.Sum(p => p.Amount.Fen));
        await account.Deposit("deposit:pool-bench:" + Guid.NewGuid().ToString("N"), new Money(total.Fen * (repetitions + 1)), "royalties", Actor.System);
        var warm = Stopwatch.StartNew();
        await account.Distribute("pool-bench:warm-up:" + Guid.NewGuid().ToString("N"), parts[..Math.Min(1_000, parts.Length)], "warm-up", Actor.System);
        Console.WriteLine($"  warm-up posting of {Math.Min(1_000, parts.Length)} parts: {warm.Elapsed.TotalMilliseconds:F0} ms");
        var times = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            var started = Stopwatch.GetTimestamp();
            await account.Distribute("pool-bench:distribution:" + Guid.NewGuid().ToString("N"), parts, "bench distribution", Actor.System);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var balance = (await account.GetBalances()).Available;
        if (balance.Fen != total.Fen * (repetitions + 1) - total.Fen * repetitions - parts[..Math.Min(1_000, parts.Length)].Sum(p => p.Amount.Fen))
        {
            Console.WriteLine($"WARNING: the collection account holds {balance}, not what the postings leave");
        }
        var sorted = times.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        Console.WriteLine($"ledger distribution to {parts.Length} accounts in one posting, {storage} storage: median {median:F0} ms of {repetitions} " +
            $"(min {sorted[0]:F0}, max {sorted[^1]:F0}; runs {string.Join(", ", times.Select(t => t.ToString("F0")))}) = {median / parts.Length * 1_000:F0} ms per 1,000 parts");
    }

    private static async Task TradeRoundsAsync(IGrainFactory grains, string storage, Guid[] poolIds, Guid[][] holdersOf, int rounds, int concurrency, ShiftableClock clock)
    {
        var recorder = new LatencyRecorder();
        var offerRecorder = new LatencyRecorder();
        var wall = TimeSpan.Zero;
        var offerWall = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            // Sellers who bought in the last round wait five trading days: nine calendar days always hold them.
            clock.Shift(TimeSpan.FromDays(9));
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            // Half the holders sell to the next of their tranche (whose rings are of even size), the halves taking turns
            // by round: the five-trading-day wait runs both ways, so nobody both sells and buys in one round.
            var trades = new (IPoolGrain Pool, Guid TradeId, Guid Buyer)[poolIds.Length * Holders / 2];
            offerWall += await LatencyRecorder.RunAsync(trades.Length, concurrency, async k =>
            {
                var (p, i) = (k % poolIds.Length, 2 * (k / poolIds.Length) + round % 2);
                var pool = grains.GetGrain<IPoolGrain>(poolIds[p]);
                var holders = holdersOf[p];
                var buyer = holders[NextInTranche(i)];
                var tradeId = Guid.NewGuid();
                await pool.OfferUnits(tradeId, TrancheOf(i), 1, Money.FromYuan(101m), buyer, today.AddDays(5), new Actor(holders[i], "Investor"));
                trades[k] = (pool, tradeId, buyer);
            }, offerRecorder);
            wall += await LatencyRecorder.RunAsync(trades.Length, concurrency, async k =>
            {
                var trade = await trades[k].Pool.AcceptTrade(trades[k].TradeId, new Actor(trades[k].Buyer, "Investor"));
                if (trade.Status != UnitTradeStatus.Settled)
                {
                    throw new InvalidOperationException($"Trade {trade.TradeId} is {trade.Status}");
                }
            }, recorder);
        }
        var on = poolIds.Length == 1 ? "one pool" : $"{poolIds.Length} pools at once";
        Console.WriteLine(offerRecorder.Report($"unit offers on {on}, {storage} storage, concurrency {concurrency}", offerWall));
        Console.WriteLine(recorder.Report($"unit-trade settlements (accept, hold, deliver, settle) on {on}, {rounds} round(s) of {Holders / 2} per pool, {storage} storage, concurrency {concurrency}", wall));
    }

    private static string TrancheOf(int holder) => holder < 140 ? "A" : holder < 180 ? "B" : "C";

    /// <summary>The next holder of the same tranche, round its ring: the number of holders never changes.</summary>
    private static int NextInTranche(int holder) => holder < 140 ? (holder + 1) % 140 : holder < 180 ? 140 + (holder - 139) % 40 : 180 + (holder - 179) % 20;

    private static PoolDefinition Definition(DateOnly closesOn, DateOnly[] dates, Guid trustee, int p) => new(
        $"Bench royalties {p}", closesOn, dates,
        [
            new TrancheDefinition("A", TrancheSeniority.Senior, 14_000, Money.FromYuan(100m), 4m, 10, 1, Amortization.EqualParts),
            new TrancheDefinition("B", TrancheSeniority.Mezzanine, 4_000, Money.FromYuan(100m), 6m, 10, 0, Amortization.EqualParts),
            new TrancheDefinition("C", TrancheSeniority.Subordinated, 2_000, Money.FromYuan(100m), 0m, 10, 0, Amortization.AtMaturity),
        ],
        [new FeeDefinition("trustee", trustee, Money.FromYuan(1_000m), 0m)],
        Money.FromYuan(20_000m), 1.2m, CoverageTriggerCurable: true, MissedSeniorInterestTrigger: false, CleanUpCallPercent: 10m, Holders, PoolStructure.LegalMinimumHoldingTradingDays,
        [.. Enumerable.Repeat(Money.FromYuan(600_000m), dates.Length)]);

    private static async Task<Guid> RegisterAsync(IGrainFactory grains, string name, ParticipantRoles roles, string salt, int serial)
    {
        var id = Guid.NewGuid();
        var participant = grains.GetGrain<IParticipantGrain>(id);
        await participant.Register(new RegisterParticipant(name, ParticipantKind.Enterprise, CreditCodeRules.CompleteUnifiedSocialCreditCode("9111" + salt + serial.ToString("D9")), roles, true, false), Actor.System);
        await participant.DecideKyc(KycDecision.Verify, "benchmark", Actor.System);
        return id;
    }

    private static Task Fund(IGrainFactory grains, Guid participant, Money amount) =>
        grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(participant)).Deposit("deposit:pool-bench:" + Guid.NewGuid().ToString("N"), amount, "funding", Actor.System);

    /// <summary>A patent of the agency's, granted with its first annual fee paid, licensed at 3% of net sales for two years, quarterly.</summary>
    private static async Task<ILicenseGrain> LicenceAsync(IGrainFactory grains, Guid owner, Guid licensee, int serial, DateOnly today)
    {
        var filed = today.AddYears(-2).AddDays(-5);
        var number = NavigationData.Number(serial, filed.Year);
        var patent = grains.GetGrain<IPatentGrain>(number);
        await patent.Register(NavigationData.Patent(serial, filed.Year, owner) with { ApplicationNumber = number, FilingDate = filed }, Actor.System);
        var granted = await patent.Grant(today, Actor.System);
        if (granted.NextFee is { } fee && fee.DueDate <= today)
        {
            await Fund(grains, owner, fee.FullFee);
            await patent.PayAnnualFee(fee.PatentYear, owner, new Actor(owner, "Owner"));
        }
        var licence = grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], licensee,
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["ANY"], 24, Money.Zero, 300, Money.FromYuan(5_000), PaymentsPerYear: 4), today), Actor.System);
        await licence.Submit(Actor.System);
        return licence;
    }
}
