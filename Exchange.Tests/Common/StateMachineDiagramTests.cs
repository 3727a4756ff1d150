using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Common;

/// <summary>
/// The Mermaid diagrams in docs/diagrams are exported from the lifecycle classes themselves; this test fails
/// when a machine changes and its diagram was not regenerated (UPDATE_DIAGRAMS=1 bash scripts/test.sh).
/// </summary>
public sealed class StateMachineDiagramTests
{
    public static TheoryData<string> Machines => ["transfer", "kyc", "patent-legal-status", "listing", "offer", "patent-transfer", "license", "pledge", "pool", "pool-trade", "pool-order"];

    private static string Export(string machine) => machine switch
    {
        "transfer" => new TransferLifecycle(() => TransferStatus.Requested, _ => { }).ToMermaid(),
        "kyc" => new KycLifecycle(() => KycStatus.Pending, _ => { }).ToMermaid(),
        "license" => new LicenseLifecycle(() => LicenseStatus.Draft, _ => { }, () => true).ToMermaid(),
        "patent-transfer" => new PatentTransferLifecycle(() => PatentTransferStatus.Proposed, _ => { }, () => true).ToMermaid(),
        "listing" => new ListingLifecycle(() => ListingStatus.Open, _ => { }).ToMermaid(),
        "offer" => new OfferLifecycle(() => OfferStatus.Submitted, _ => { }).ToMermaid(),
        "pledge" => new PledgeLifecycle(() => PledgeStatus.Applied, _ => { }, () => true).ToMermaid(),
        "pool" => new Exchange.Grains.Pools.PoolLifecycle(() => Exchange.Grains.Pools.PoolStatus.Structuring, _ => { }, () => new(true, true, true, true)).ToMermaid(),
        "pool-trade" => new Exchange.Grains.Pools.UnitTradeLifecycle(() => Exchange.Grains.Pools.UnitTradeStatus.Offered, _ => { }, () => true).ToMermaid(),
        "pool-order" => new Exchange.Grains.Pools.PoolOrderLifecycle(() => Exchange.Grains.Pools.PoolOrderStatus.Funding, _ => { }, () => true).ToMermaid(),
        "patent-legal-status" => new PatentLifecycle(() => LegalStatus.Pending, _ => { }, () => null).ToMermaid(),
        _ => throw new ArgumentOutOfRangeException(nameof(machine)),
    };

    [Theory]
    [MemberData(nameof(Machines))]
    public void CommittedDiagram_MatchesTheMachine(string machine)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "diagrams", machine + ".mmd");
        var exported = Export(machine).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_DIAGRAMS") == "1")
        {
            File.WriteAllText(path, exported);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with UPDATE_DIAGRAMS=1");
        Assert.Equal(exported, File.ReadAllText(path));
    }
}
