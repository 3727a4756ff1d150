using Exchange.Grains.Common;
using Exchange.Grains.Pools;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Pools;

/// <summary>The pool's postings to every holder, kept once per pool, and each investor's statement reading its lines from them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PoolHolderFlowsTests(ClusterFixture fixture)
{
    private static readonly DateOnly March = new(2027, 3, 31);
    private static readonly Guid X = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Y = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static PoolHolderFlows Date(DateOnly on, params (Guid Investor, long Fen)[] lines) =>
        new($"distribution:{on:yyyyMMdd}", on, PoolCashFlowKind.Distribution, $"posting:{on:yyyyMMdd}", [.. lines.Select(l => new PoolHolderLine(l.Investor, new Money(l.Fen)))]);

    [Fact]
    public void AnInvestorsLines_AreNamedAsItsOwnStatementNamedThem_OnePerTranche()
    {
        var issue = new PoolHolderFlows("issue", March, PoolCashFlowKind.Subscription, "p:issue",
            [new PoolHolderLine(X, new Money(-700), "A", 7), new PoolHolderLine(Y, new Money(-300), "A", 3), new PoolHolderLine(X, new Money(-100), "C", 1)]);

        var flows = issue.For(X).ToArray();

        Assert.Equal(["issue:A", "issue:C"], flows.Select(f => f.Id));
        Assert.Equal([-700L, -100L], flows.Select(f => f.Amount.Fen));
        Assert.All(flows, f => Assert.Equal("p:issue", f.PostingId));
        Assert.Equal("distribution:20270331", Assert.Single(Date(March, (X, 5)).For(X)).Id);
        Assert.Empty(Date(March, (Y, 5)).For(X));
    }

    [Fact]
    public void APayout_KeepsALineForEachHolderItPaid_AndNoneForAHolderPaidNothing()
    {
        var payout = new PoolPayout([], new Dictionary<Guid, Money> { [Y] = new(250), [X] = new(0) });

        var flows = PoolHolderFlows.Of(payout, "call", March, PoolCashFlowKind.Distribution, "p:call");

        Assert.Equal([(Y, 250L)], flows.Lines.Select(l => (l.InvestorId, l.Amount.Fen)));
    }

    [Fact]
    public void Merging_CountsAFlowOnceByItsId_AndOrdersByDateThenId()
    {
        var earlier = new PoolCashFlow("trade:1", March.AddDays(-10), PoolCashFlowKind.Purchase, new Money(-50), "A", 1, "t1");
        var legacy = new PoolCashFlow("distribution:20270331", March, PoolCashFlowKind.Distribution, new Money(5), null, 0, "posting:20270331");
        var sale = new PoolCashFlow("trade:0", March, PoolCashFlowKind.Sale, new Money(60), "A", -1, "t0");

        var merged = PoolCashFlows.Merge([legacy, sale, earlier], Date(March, (X, 5)).For(X));

        Assert.Equal(["trade:1", "distribution:20270331", "trade:0"], merged.Select(f => f.Id));
    }

    [Fact]
    public async Task RecordingAPostingAgain_KeepsItOnce_AndTheStatementReadsItWithItsOwnTrades_CountingADateItAlreadyHadOnce()
    {
        var poolId = Guid.NewGuid();
        var shared = fixture.Grains.GetGrain<IPoolHolderFlowsGrain>(poolId);
        var statement = fixture.Grains.GetGrain<IPoolStatementGrain>(PoolStatementKey.Of(poolId, X));
        var june = March.AddMonths(3);
        // Written before the pool kept its postings to every holder: the March date is in the investor's own statement.
        await statement.Record([new PoolCashFlow("distribution:20270331", March, PoolCashFlowKind.Distribution, new Money(5), null, 0, "posting:20270331"),
            new PoolCashFlow("trade:1", March.AddDays(1), PoolCashFlowKind.Sale, new Money(90), "A", -1, "t1")]);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shared.Record(Date(March, (X, 5), (Y, 7)))));
        await shared.Record(Date(june, (X, 4), (Y, 6)));

        Assert.Equal([("distribution:20270331", 5L), ("trade:1", 90L), ("distribution:20270630", 4L)], (await statement.GetFlows()).Select(f => (f.Id, f.Amount.Fen)));
        Assert.Equal([7L, 6L], (await shared.GetFlows(Y)).Select(f => f.Amount.Fen));
    }

    [Fact]
    public async Task APoolKeepsAtMostOnePostingPerDatePlusTheIssueCallAndWindUp_AndRefusesMore()
    {
        var shared = fixture.Grains.GetGrain<IPoolHolderFlowsGrain>(Guid.NewGuid());
        for (var i = 0; i < PoolStructure.MaxDistributionDates + 3; i++)
        {
            await shared.Record(Date(March.AddDays(i), (X, 1)));
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => shared.Record(Date(March.AddDays(-1), (X, 1))));
        Assert.Equal(DomainErrors.InvalidInput, refused.Error);
        await shared.Record(Date(March, (X, 1))); // a repeat of a kept posting is still confirmed
        Assert.Equal(PoolStructure.MaxDistributionDates + 3, (await shared.GetFlows(X)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc/def")]
    [InlineData("00000000000000000000000000000001")]
    public void AStatementKeyThatNamesNoPoolAndInvestor_IsRefused(string key) =>
        Assert.Throws<FormatException>(() => PoolStatementKey.Parse(key));

    [Fact]
    public void AStatementKey_NamesItsPoolAndInvestor() =>
        Assert.Equal((X, Y), PoolStatementKey.Parse(PoolStatementKey.Of(X, Y)));
}
