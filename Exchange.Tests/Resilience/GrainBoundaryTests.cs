using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;
using Orleans.Serialization;

namespace Exchange.Tests.Resilience;

/// <summary>
/// What reaches a caller across the grain boundary when the infrastructure fails: the exchange's own
/// <see cref="StorageUnavailableException"/>, never Orleans' CodecNotFoundException for the driver's exception; and
/// nothing was applied, so the retry applies the command once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainBoundaryTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ALedgerCommitMeetingARefusedConnection_ReachesTheCallerAsStorageUnavailable_AndTheRetryAppliesOnce()
    {
        var id = await cluster.NewParticipantAsync();
        var account = cluster.Account(id);
        var refused = await StorageFaultsTests.RefusedConnectionAsync();
        cluster.Faults.ArmOnce(FaultInjectingStore.Ledger, posting => posting.Contains(id.ToString("N")), _ => refused);
        var postingId = $"deposit:boundary:{id:N}";

        var fault = await Assert.ThrowsAsync<StorageUnavailableException>(() => account.Deposit(postingId, new Money(12_345), "boundary", Actor.System));
        Assert.Equal(StoreBoundary.Ledger, fault.Store);
        Assert.Equal("PostgreSQL unreachable", fault.Cause);
        Assert.Null(fault.InnerException);
        Assert.Equal(0, (await account.GetBalances()).Available.Fen);

        await account.Deposit(postingId, new Money(12_345), "boundary", Actor.System);
        await account.Deposit(postingId, new Money(12_345), "boundary", Actor.System);
        Assert.Equal(12_345, (await account.GetBalances()).Available.Fen);
    }

    [Fact]
    public async Task AGrainStateWriteMeetingARefusedConnection_ReachesTheCallerAsStorageUnavailable_AndTheRetryRegistersOnce()
    {
        var id = Guid.NewGuid();
        var refused = await StorageFaultsTests.RefusedConnectionAsync();
        cluster.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, grain => grain.StartsWith("participant/", StringComparison.Ordinal) && grain.Contains(id.ToString("N")), _ => refused);
        var participant = cluster.Grains.GetGrain<IParticipantGrain>(id);
        var command = new RegisterParticipant("Boundary Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false);

        var fault = await Assert.ThrowsAsync<StorageUnavailableException>(() => participant.Register(command, Actor.System));
        Assert.Equal(GrainStorageBoundary.Store, fault.Store);
        Assert.Null(await participant.TryGet());

        await participant.Register(command, Actor.System);
        Assert.NotNull(await participant.TryGet());
        Assert.Single(await cluster.AuditOfAsync($"participant:{id:N}", "registered"));
    }

    [Fact]
    public async Task AnActivationWhoseStateCannotBeRead_FailsWithTheExchangesOwnExceptionInside()
    {
        var id = Guid.NewGuid();
        var refused = await StorageFaultsTests.RefusedConnectionAsync();
        cluster.Faults.ArmOnce(FaultInjectingGrainStorage.Read, grain => grain.Contains(id.ToString("N")), _ => refused);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IParticipantGrain>(id).TryGet());
        Assert.IsNotType<CodecNotFoundException>(failure);
        Assert.Equal("PostgreSQL unreachable", StorageFaults.Find(failure)?.Cause);
        Assert.Null(await cluster.Grains.GetGrain<IParticipantGrain>(id).TryGet()); // the next activation reads fine
    }

    [Fact]
    public async Task AnExceptionWithoutACodec_ThatIsNoInfrastructureFault_ReachesTheCallerAsAnInternalFault()
    {
        var id = await cluster.NewParticipantAsync();
        cluster.Faults.ArmOnce(FaultInjectingStore.Ledger, posting => posting.Contains(id.ToString("N")), key => new NotSerializableFault($"bug at {key}"));

        var fault = await Assert.ThrowsAsync<InternalFaultException>(() => cluster.Account(id).Deposit($"deposit:bug:{id:N}", new Money(1), "bug", Actor.System));
        Assert.Equal(typeof(NotSerializableFault).FullName, fault.OriginalType);
        Assert.Contains("bug at", fault.Message);
    }

    /// <summary>An exception type Orleans has no codec for, like the drivers' own.</summary>
    private sealed class NotSerializableFault(string message) : Exception(message);
}
