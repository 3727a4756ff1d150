using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Ledger;

/// <summary>
/// The desk the API makes transfers at: immediate ones paid through the payer's account with no transfer grain of
/// their own, held ones handed to theirs; either way the transfer grain reads, settles and releases them afterwards.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TransferDeskTests(ClusterFixture fixture)
{
    private ITransferDeskGrain Desk => fixture.Grains.GetGrain<ITransferDeskGrain>(0);

    private static TransferRequest Pay(Guid payer, Guid payee, long fen, TransferMode mode = TransferMode.Immediate, string hash = "h") =>
        new(payer, AccountId.ForParticipant(payee), new Money(fen), mode, "desk", hash);

    [Fact]
    public async Task ImmediateTransfer_PaidAtTheDesk_IsThenReadByItsGrain_EvenOneThatLookedBeforeItExisted()
    {
        var payer = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<ITransferGrain>(id);
        Assert.Null(await grain.TryGet());

        var paid = await Desk.Execute(id, Pay(payer, payee, 1_250), new Actor(payer, "Investor"));

        Assert.Equal(TransferStatus.Settled, paid.Status);
        Assert.Equal(paid, await grain.TryGet());
        Assert.Equal(TransferStatus.Settled, (await grain.Settle(Actor.System)).Status); // a no-op: already settled
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => grain.Release(Actor.System))).Error);
        Assert.Equal(new Money(1_250), (await fixture.Account(payee).GetBalances()).Available);
    }

    [Fact]
    public async Task RepeatAtTheDesk_ReturnsTheTransfer_AndAnotherBodyUnderTheSameIdIsRefused()
    {
        var payer = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        var id = Guid.NewGuid();
        var first = await Desk.Execute(id, Pay(payer, payee, 700, hash: "first"), new Actor(payer, "Investor"));
        Assert.Equal(first, await Desk.Execute(id, Pay(payer, payee, 700, hash: "first"), new Actor(payer, "Investor")));
        var error = await Assert.ThrowsAsync<DomainException>(() => Desk.Execute(id, Pay(payer, payee, 900, hash: "second"), new Actor(payer, "Investor")));
        Assert.Equal(DomainErrors.IdempotencyKeyReused, error.Error);
        Assert.Equal(new Money(4_300), (await fixture.Account(payer).GetBalances()).Available);
    }

    [Fact]
    public async Task HeldTransfer_MadeAtTheDesk_IsKeptByItsGrain_UntilReleased()
    {
        var payer = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        var id = Guid.NewGuid();
        var held = await Desk.Execute(id, Pay(payer, payee, 2_000, TransferMode.Hold), new Actor(payer, "Investor"));
        Assert.Equal(TransferStatus.FundsReserved, held.Status);
        Assert.Equal(TransferStatus.Released, (await fixture.Grains.GetGrain<ITransferGrain>(id).Release(new Actor(payer, "Investor"))).Status);
        Assert.Equal(new Money(5_000), (await fixture.Account(payer).GetBalances()).Available);
    }

    [Fact]
    public async Task ImmediateTransferAnEarlierVersionLeftReserved_RepeatedAtTheDesk_IsSettledOnce()
    {
        var payer = await fixture.FundedParticipantAsync(8_000);
        var payee = await fixture.NewParticipantAsync();
        var id = Guid.NewGuid();
        await fixture.Account(payer).Reserve(new TransferRecord(id, "", AccountId.ForParticipant(payee), 3_000,
            TransferMode.Immediate, TransferStatus.Requested, "h", payer, "desk", default, default), new Actor(payer, "Investor"));

        var settled = await Desk.Execute(id, Pay(payer, payee, 3_000), new Actor(payer, "Investor"));

        Assert.Equal(TransferStatus.Settled, settled.Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(payer), new Money(5_000), Money.Zero), await fixture.Account(payer).GetBalances());
        Assert.Equal(new Money(3_000), (await fixture.Account(payee).GetBalances()).Available);
    }
}
