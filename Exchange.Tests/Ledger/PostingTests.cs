using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

public sealed class PostingTests
{
    [Fact]
    public void Move_DebitsOneBucketAndCreditsAnother_SummingToZero()
    {
        var posting = Posting.Move("p1", PostingKind.Deposit, (AccountId.External, Bucket.Available), ("participant:a", Bucket.Available), new Money(500), "m");
        Assert.Equal(0, posting.Lines.Sum(l => l.AmountFen));
        Assert.Equal(-500, posting.Lines[0].AmountFen);
    }

    [Fact]
    public void UnbalancedLines_AreRefused() =>
        Assert.Throws<InvalidOperationException>(() => new Posting("p", PostingKind.Deposit, [new("a", Bucket.Available, 10), new("b", Bucket.Available, -9)], "", null));

    [Fact]
    public void SingleLine_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new Posting("p", PostingKind.Deposit, [new("a", Bucket.Available, 0)], "", null));

    [Fact]
    public void ZeroLine_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new Posting("p", PostingKind.Deposit, [new("a", Bucket.Available, 0), new("b", Bucket.Available, 0)], "", null));

    [Fact]
    public void MoveOfZero_IsRefused() =>
        Assert.Throws<DomainException>(() => Posting.Move("p", PostingKind.Deposit, ("a", Bucket.Available), ("b", Bucket.Available), Money.Zero, ""));
}
