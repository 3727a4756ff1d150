using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

public sealed class TransferRulesTests
{
    private const string Payer = "participant:aaaa";

    private static TransferRequest Request(long fen = 100, string payee = "participant:bbbb", string memo = "", TransferMode mode = TransferMode.Immediate) =>
        new(Guid.NewGuid(), payee, new Money(fen), mode, memo, "hash");

    [Fact]
    public void ValidRequest_Passes() => TransferRules.Validate(Request(), Payer);

    [Fact]
    public void PayingYourself_IsRefused() =>
        Assert.Equal(DomainErrors.SameAccount, Assert.Throws<DomainException>(() => TransferRules.Validate(Request(payee: Payer), Payer)).Error);

    [Fact]
    public void PayingTheExternalAccount_IsRefused() =>
        Assert.Throws<DomainException>(() => TransferRules.Validate(Request(payee: AccountId.External), Payer));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(Money.MaxFen + 1)]
    public void AmountOutOfRange_IsRefused(long fen) =>
        Assert.Equal(DomainErrors.InvalidAmount, Assert.Throws<DomainException>(() => TransferRules.Validate(Request(fen), Payer)).Error);

    [Fact]
    public void OverlongMemo_IsRefused() =>
        Assert.Throws<DomainException>(() => TransferRules.Validate(Request(memo: new string('x', TransferRules.MaxMemoLength + 1)), Payer));

    [Fact]
    public void UnknownMode_IsRefused() =>
        Assert.Throws<DomainException>(() => TransferRules.Validate(Request(mode: (TransferMode)7), Payer));
}
