using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// One in-process silo shared by the grain tests, with memory grain storage, the in-memory exchange store and a
/// fake business clock. Every test uses fresh keys, so tests don't see each other's objects.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public InMemoryExchangeStore Store { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.StorageProvider);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddExchangeServices(new ConfigurationBuilder().Build(), runSweeps: false);
            silo.Services.AddExchangeStore(Store);
            // Orleans' own loops stay on real time; only the business clock is fake (orleans-notes.md).
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public TransferRecoveryService RecoveryService(TimeSpan stallAfter) => new(Store, Grains, Clock,
        Options.Create(new TransferRecoveryOptions { StallAfter = stallAfter, BatchSize = 2 }), NullLogger<TransferRecoveryService>.Instance);

    /// <summary>Registers a participant with a valid, unique credit code; verified unless told otherwise.</summary>
    public async Task<Guid> NewParticipantAsync(bool verified = true, ParticipantRoles roles = ParticipantRoles.Investor)
    {
        var id = Guid.NewGuid();
        var code = TestCodes.NewCreditCode();
        var grain = Grains.GetGrain<IParticipantGrain>(id);
        await grain.Register(new RegisterParticipant("Test participant " + id.ToString("N")[..6], ParticipantKind.Enterprise, code, roles, true, false), Actor.System);
        if (verified)
        {
            await grain.DecideKyc(KycDecision.Verify, "test", Actor.System);
        }
        return id;
    }

    public IAccountGrain Account(Guid participantId) => Grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(participantId));

    public async Task<Guid> FundedParticipantAsync(long fen)
    {
        var id = await NewParticipantAsync();
        await Account(id).Deposit("deposit:" + Guid.NewGuid().ToString("N"), new Money(fen), "funding", Actor.System);
        return id;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
