using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Tests.Licenses;

public sealed class RoyaltyDistributionTests
{
    private static readonly Guid University = Guid.NewGuid();
    private static readonly Guid Company = Guid.NewGuid();
    private static readonly Guid InventorA = Guid.NewGuid();
    private static readonly Guid InventorB = Guid.NewGuid();

    [Fact]
    public void ServiceInventionUnderTheStatutoryFloor_GivesTheInventorsHalf_SharedEqually()
    {
        var parts = RoyaltyDistribution.ToOwners(new Money(100_001), [new RoyaltyOwner(University, 10_000, new RemunerationPolicy(RemunerationBasis.StatutoryFloor), true, [InventorA, InventorB])]);
        Assert.Equal([new RoyaltyPart(InventorA, true, new Money(25_001)), new RoyaltyPart(InventorB, true, new Money(25_000)), new RoyaltyPart(University, false, new Money(50_000))], parts);
    }

    [Fact]
    public void CoOwners_SplitByShare_EachWithItsOwnPolicy()
    {
        var parts = RoyaltyDistribution.ToOwners(new Money(1_000_000), [
            new RoyaltyOwner(University, 6_000, new RemunerationPolicy(RemunerationBasis.Legacy), true, [InventorA]),
            new RoyaltyOwner(Company, 4_000, new RemunerationPolicy(RemunerationBasis.Agreed, 2_500), false, [InventorB]),
        ]);
        Assert.Equal(new Money(60_000), parts.Single(p => p.PartyId == InventorA).Amount);   // 10% of the university's 600,000
        Assert.Equal(new Money(540_000), parts.Single(p => p.PartyId == University).Amount);
        Assert.Equal(new Money(400_000), parts.Single(p => p.PartyId == Company).Amount);  // not a service invention: no carve-out
        Assert.DoesNotContain(parts, p => p.PartyId == InventorB);
    }

    [Fact]
    public void RandomPayments_AlwaysSplitIntoPartsThatAddUpToThePayment()
    {
        var random = new Random(42);
        for (var round = 0; round < 2_000; round++)
        {
            var ownerCount = random.Next(1, 5);
            var shares = Allocation.ByLargestRemainder(new Money(10_000), Enumerable.Range(0, ownerCount).Select(_ => (decimal)random.Next(1, 100)).ToArray());
            var owners = shares.Select(s => new RoyaltyOwner(Guid.NewGuid(), (int)s.Fen,
                new RemunerationPolicy((RemunerationBasis)random.Next(3), random.Next(0, 10_001)), random.Next(2) == 0,
                Enumerable.Range(0, random.Next(0, 4)).Select(_ => Guid.NewGuid()).ToArray())).Where(o => o.ShareBasisPoints > 0).ToArray();
            var payment = new Money(random.NextInt64(0, 10_000_000_000));
            var parts = RoyaltyDistribution.ToOwners(payment, owners);
            Assert.Equal(payment.Fen, parts.Sum(p => p.Amount.Fen));
            Assert.All(parts, p => Assert.True(p.Amount.Fen >= 0));
        }
    }

    [Fact]
    public void AgreedRemunerationAbove100Percent_IsRefused() =>
        Assert.Throws<DomainException>(() => new RemunerationPolicy(RemunerationBasis.Agreed, 10_001).BasisPoints);
}
