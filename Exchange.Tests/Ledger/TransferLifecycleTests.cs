using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Tests.Ledger;

public sealed class TransferLifecycleTests
{
    public static TheoryData<TransferStatus, TransferTrigger, TransferStatus> Allowed => new()
    {
        { TransferStatus.Requested, TransferTrigger.Reserve, TransferStatus.FundsReserved },
        { TransferStatus.FundsReserved, TransferTrigger.Settle, TransferStatus.Settled },
        { TransferStatus.FundsReserved, TransferTrigger.Release, TransferStatus.Released },
        // Idempotent repeats: no move, no effect.
        { TransferStatus.FundsReserved, TransferTrigger.Reserve, TransferStatus.FundsReserved },
        { TransferStatus.Settled, TransferTrigger.Settle, TransferStatus.Settled },
        { TransferStatus.Settled, TransferTrigger.Reserve, TransferStatus.Settled },
        { TransferStatus.Released, TransferTrigger.Release, TransferStatus.Released },
        { TransferStatus.Released, TransferTrigger.Reserve, TransferStatus.Released },
    };

    public static TheoryData<TransferStatus, TransferTrigger> Forbidden => new()
    {
        { TransferStatus.Requested, TransferTrigger.Settle },
        { TransferStatus.Requested, TransferTrigger.Release },
        { TransferStatus.Settled, TransferTrigger.Release },
        { TransferStatus.Released, TransferTrigger.Settle },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task AllowedTrigger_ReachesItsTarget_AndRunsTheEffectOnlyOnAMove(TransferStatus from, TransferTrigger trigger, TransferStatus to)
    {
        var status = from;
        var lifecycle = new TransferLifecycle(() => status, s => status = s);
        var effects = 0;
        var moved = await lifecycle.AdvanceAsync(trigger, () => { effects++; return Task.CompletedTask; });
        Assert.Equal(to, status);
        Assert.Equal(from != to, moved);
        Assert.Equal(moved ? 1 : 0, effects);
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task ForbiddenTrigger_IsRefusedNamingTheStatusAndTheStepInWords(TransferStatus from, TransferTrigger trigger)
    {
        var status = from;
        var lifecycle = new TransferLifecycle(() => status, s => status = s);
        var error = await Assert.ThrowsAsync<DomainException>(() => lifecycle.AdvanceAsync(trigger, () => Task.CompletedTask));
        Assert.Equal(DomainErrors.InvalidTransition, error.Error);
        Assert.Contains($"is {TransferLifecycle.Describe(from)}; a transfer can {TransferLifecycle.Describe(trigger)} only while it is held with its funds reserved", error.Message);
        Assert.DoesNotContain(trigger.ToString(), error.Message);
        Assert.Equal(from, status);
    }

    [Fact]
    public async Task FailedEffect_LeavesTheStateWhereItWas()
    {
        var status = TransferStatus.Requested;
        var lifecycle = new TransferLifecycle(() => status, s => status = s);
        await Assert.ThrowsAsync<InvalidOperationException>(() => lifecycle.AdvanceAsync(TransferTrigger.Reserve, () => throw new InvalidOperationException("db down")));
        Assert.Equal(TransferStatus.Requested, status);
    }

    [Theory]
    [InlineData(TransferStatus.Requested, false)]
    [InlineData(TransferStatus.FundsReserved, true)]
    [InlineData(TransferStatus.Settled, false)]
    [InlineData(TransferStatus.Released, false)]
    public void OnlyAReservedTransfer_HoldsItsPayersFunds(TransferStatus status, bool holds) =>
        Assert.Equal(holds, TransferLifecycle.HoldsFunds(status));

    [Theory]
    [InlineData(TransferStatus.Settled, TransferTrigger.Settle, true)]
    [InlineData(TransferStatus.Released, TransferTrigger.Release, true)]
    [InlineData(TransferStatus.Released, TransferTrigger.Settle, false)]
    [InlineData(TransferStatus.Settled, TransferTrigger.Release, false)]
    [InlineData(TransferStatus.FundsReserved, TransferTrigger.Settle, false)]
    public void AClosingStep_RecognisesTheLedgerClosedItThatWay_NotTheOther(TransferStatus durable, TransferTrigger trigger, bool closed) =>
        Assert.Equal(closed, TransferLifecycle.IsClosedBy(durable, trigger));

    [Fact]
    public void OnlySettleAndRelease_CloseATransfer() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferLifecycle.ClosedBy(TransferTrigger.Reserve));
}
