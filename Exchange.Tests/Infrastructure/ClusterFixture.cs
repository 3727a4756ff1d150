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
using Orleans.Storage;
using Orleans.TestingHost;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// One in-process silo shared by the grain tests, with memory grain storage, the in-memory exchange store and a
/// fake business clock. Every test uses fresh keys, so tests don't see each other's objects.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeSpan? _responseTimeout;

    public ClusterFixture() : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A cluster with configuration (the follow-up hooks, for instance) and, if given, a shorter response timeout for silo and client.</summary>
    internal ClusterFixture(IReadOnlyDictionary<string, string?> settings, TimeSpan? responseTimeout = null)
    {
        _settings = settings;
        _responseTimeout = responseTimeout;
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public InMemoryExchangeStore Store { get; } = new();

    /// <summary>Faults a test arms on the store's writes (<see cref="FaultInjectingStore"/>) or on grain state writes (<see cref="FaultInjectingGrainStorage"/>).</summary>
    public Faults Faults { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("exchange-memory");
            silo.Services.AddKeyedSingleton<IGrainStorage>(StateNames.StorageProvider,
                (services, _) => new FaultInjectingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("exchange-memory"), Faults));
            // As in production: infrastructure faults of grain storage leave it as the exchange's own exception.
            silo.Services.AddGrainStorageBoundary(StateNames.StorageProvider);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddExchangeServices(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build(), runSweeps: false);
            if (_responseTimeout is { } siloTimeout)
            {
                silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = siloTimeout);
            }
            silo.Services.AddExchangeStore(new FaultInjectingStore(Store, Faults));
            // Orleans' own loops stay on real time; only the business clock is fake (orleans-notes.md).
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        if (_responseTimeout is { } clientTimeout)
        {
            builder.ConfigureClient(client => client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = clientTimeout));
        }
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

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>A granted invention patent filed two years ago, owned in equal shares by new owners (or the ones given).</summary>
    public async Task<(string Number, Guid[] Owners)> PatentInForceAsync(int owners = 1, string ipc = "H01M 10/0562", Guid[]? ownerIds = null, string title = "Solid-state electrolyte")
    {
        var ids = ownerIds ?? new Guid[owners];
        for (var i = 0; ownerIds is null && i < owners; i++)
        {
            ids[i] = await NewParticipantAsync(roles: ParticipantRoles.Owner);
        }
        var filed = Today.AddYears(-2).AddDays(-5); // the fee paid at grant is the current year's; the next falls due a year on
        var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
        var number = $"{digits}.{Exchange.Grains.Patents.ApplicationNumber.CheckCharacterOf(digits)}";
        var shares = Enumerable.Repeat(10_000 / ids.Length, ids.Length).ToArray();
        shares[0] += 10_000 - shares.Sum();
        var patent = Grains.GetGrain<Exchange.Grains.Patents.IPatentGrain>(number);
        await patent.Register(new Exchange.Grains.Patents.RegisterPatent(number, title, "", [ipc], filed,
            ids.Select((o, i) => new Exchange.Grains.Patents.PatentOwner(o, shares[i])).ToArray(), [new Exchange.Grains.Patents.Inventor("Liu Yang", false, null)]), Actor.System);
        await GrantPaidAsync(patent, ids[0]);
        return (number, ids);
    }

    /// <summary>
    /// Grants the patent today and pays the annual fee due at grant, from an owner funded with exactly that fee, so the
    /// patent stays in force for its first patent year and the owner's balance is unchanged.
    /// </summary>
    public async Task GrantPaidAsync(Exchange.Grains.Patents.IPatentGrain patent, Guid payingOwner)
    {
        var granted = await patent.Grant(Today, Actor.System);
        if (granted.NextFee is { } fee && fee.DueDate <= Today)
        {
            await Account(payingOwner).Deposit("deposit:fee:" + Guid.NewGuid().ToString("N"), fee.FullFee, "annual fee at grant", Actor.System);
            await patent.PayAnnualFee(fee.PatentYear, payingOwner, new Actor(payingOwner, "Owner"));
        }
    }

    /// <summary>The audit entries of an object whose action starts with the given text.</summary>
    public async Task<IReadOnlyList<Exchange.Grains.Audit.AuditEntry>> AuditOfAsync(string objectId, string actionPrefix) =>
        (await Store.ReadAuditAsync(objectId, 0, 500)).Entries.Where(e => e.Action.StartsWith(actionPrefix, StringComparison.Ordinal)).ToArray();

    /// <summary>Waits (in real time) until the condition holds; follow-up retries run on real-time grain timers.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Delay(100);
        }
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
