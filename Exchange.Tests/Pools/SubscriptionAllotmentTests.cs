using Exchange.Grains.Common;
using Exchange.Grains.Pools;

namespace Exchange.Tests.Pools;

/// <summary>The end of a subscription window: cancelled, allotted in full, or scaled back in whole lots.</summary>
public sealed class SubscriptionAllotmentTests
{
    private static readonly Money Hundred = Money.FromYuan(100m);

    [Fact]
    public void Allot_BelowTheMinimumToIssue_IsCancelled_AndEverySubscriberRefundedInFull()
    {
        var result = SubscriptionAllotment.Allot(new Offering(10_000, Hundred, 100, 5_000), [new Subscription("a", 3_000), new Subscription("b", 1_900)]);

        Assert.Equal(AllotmentOutcome.Cancelled, result.Outcome);
        Assert.Equal(0, result.UnitsIssued);
        Assert.Equal(Money.Zero, result.MoneyKept);
        Assert.Equal([Money.FromYuan(300_000m), Money.FromYuan(190_000m)], result.Allotments.Select(a => a.MoneyRefunded));
    }

    [Fact]
    public void Allot_ExactlyTheMinimumToIssue_IsIssued()
    {
        var result = SubscriptionAllotment.Allot(new Offering(10_000, Hundred, 100, 5_000), [new Subscription("a", 3_000), new Subscription("b", 2_000)]);

        Assert.Equal(AllotmentOutcome.AllottedInFull, result.Outcome);
        Assert.Equal(5_000, result.UnitsIssued);
        Assert.Equal(Money.Zero, result.MoneyRefunded);
    }

    [Fact]
    public void Allot_UndersubscribedAboveTheMinimum_GivesEveryoneWhatTheyAsked()
    {
        var result = SubscriptionAllotment.Allot(new Offering(10_000, Hundred, 100, 5_000), [new Subscription("a", 6_000), new Subscription("b", 1_000)]);

        Assert.Equal(AllotmentOutcome.AllottedInFull, result.Outcome);
        Assert.Equal([6_000L, 1_000L], result.Allotments.Select(a => a.UnitsAllotted));
        Assert.Equal(Money.FromYuan(700_000m), result.MoneyKept);
    }

    [Fact]
    public void Allot_Oversubscribed_ScalesBackInWholeLotsByLargestRemainder_AndRefundsTheRest()
    {
        // 100 lots offered, 300 asked (150, 100, 50): exactly a third of each, 50, 33⅓ and 16⅔ lots; floors 50 + 33 + 16 = 99,
        // the last lot to the largest remainder (⅔, the third subscriber).
        var result = SubscriptionAllotment.Allot(new Offering(10_000, Hundred, 100, 0),
            [new Subscription("a", 15_000), new Subscription("b", 10_000), new Subscription("c", 5_000)]);

        Assert.Equal(AllotmentOutcome.ScaledBack, result.Outcome);
        Assert.Equal([5_000L, 3_300L, 1_700L], result.Allotments.Select(a => a.UnitsAllotted));
        Assert.Equal([Money.FromYuan(1_000_000m), Money.FromYuan(670_000m), Money.FromYuan(330_000m)], result.Allotments.Select(a => a.MoneyRefunded));
        Assert.Equal(10_000, result.UnitsIssued);
        Assert.Equal(Money.FromYuan(1_000_000m), result.MoneyKept);
    }

    [Fact]
    public void Allot_HeavilyOversubscribed_CanLeaveALateSmallSubscriberWithNoLot()
    {
        // 2 lots among three equal requests: a third each, floors all 0, the two lots to the earliest subscriptions.
        var result = SubscriptionAllotment.Allot(new Offering(2, Hundred, 1, 0), [new Subscription("a", 1), new Subscription("b", 1), new Subscription("c", 1)]);

        Assert.Equal([1L, 1L, 0L], result.Allotments.Select(a => a.UnitsAllotted));
        Assert.Equal(Hundred, result.Allotments[2].MoneyRefunded);
    }

    [Fact]
    public void Allot_RandomWindows_ConserveUnitsAndMoney()
    {
        var random = new Random(2019);
        for (var trial = 0; trial < 400; trial++)
        {
            var lot = random.Next(0, 3) switch { 0 => 1L, 1 => 10L, _ => 100L };
            var offered = lot * random.Next(1, 5_000);
            var offering = new Offering(offered, new Money(random.NextInt64(1, 1_000_000)), lot, random.NextInt64(0, offered + 1));
            var subscriptions = Enumerable.Range(0, random.Next(0, 200)).Select(i => new Subscription($"inv{i}", lot * random.Next(1, 300))).ToArray();

            var result = SubscriptionAllotment.Allot(offering, subscriptions);

            var requested = subscriptions.Sum(s => s.UnitsRequested);
            Assert.Equal(subscriptions.Length, result.Allotments.Count);
            Assert.Equal(result.MoneyPaidIn, result.MoneyKept + result.MoneyRefunded);
            Assert.Equal(new Money(requested * offering.UnitPrice.Fen), result.MoneyPaidIn);
            Assert.Equal(new Money(result.UnitsIssued * offering.UnitPrice.Fen), result.MoneyKept);
            var expectedIssued = requested < offering.MinimumUnitsToIssue ? 0 : Math.Min(requested, offered);
            Assert.True(expectedIssued == result.UnitsIssued, $"trial {trial}: {result.UnitsIssued} issued of {offered} offered, {requested} asked");
            foreach (var allotment in result.Allotments)
            {
                Assert.True(allotment.UnitsAllotted >= 0 && allotment.UnitsAllotted <= allotment.UnitsRequested && allotment.UnitsAllotted % lot == 0, $"trial {trial}: {allotment}");
                Assert.Equal(allotment.MoneyPaidIn, allotment.MoneyKept + allotment.MoneyRefunded);
                Assert.True(allotment.MoneyRefunded >= Money.Zero);
            }
        }
    }

    [Fact]
    public void Allot_ARequestNotInWholeLots_IsRefused() =>
        AssertRefused(new Offering(1_000, Hundred, 100, 0), [new Subscription("a", 150)], "whole lots of 100");

    [Fact]
    public void Allot_OfferingNotInWholeLots_IsRefused() => AssertRefused(new Offering(1_050, Hundred, 100, 0), [], "1050 units in lots of 100");

    [Fact]
    public void Allot_AnInvestorSubscribingTwice_IsRefused() =>
        AssertRefused(new Offering(1_000, Hundred, 100, 0), [new Subscription("a", 100), new Subscription("a", 200)], "missing or repeated");

    [Fact]
    public void Allot_AMinimumAboveTheOffering_IsRefused() => AssertRefused(new Offering(1_000, Hundred, 100, 1_100), [], "minimum to issue");

    [Fact]
    public void Allot_AFreeUnit_IsRefused() => AssertRefused(new Offering(1_000, Money.Zero, 100, 0), [], "unit's price");

    [Fact]
    public void Allot_SubscriptionsBeyondTheExchangesLimit_AreRefused() =>
        AssertRefused(new Offering(1_000, new Money(Money.MaxFen), 1, 0), [new Subscription("a", 2)], "exchange's limit");

    private static void AssertRefused(Offering offering, IReadOnlyList<Subscription> subscriptions, string fragment)
    {
        var refusal = Assert.Throws<DomainException>(() => SubscriptionAllotment.Allot(offering, subscriptions));
        Assert.Equal(DomainErrors.InvalidSubscription, refusal.Error);
        Assert.Contains(fragment, refusal.Message, StringComparison.Ordinal);
    }
}
