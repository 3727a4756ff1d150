using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Pools;

/// <summary>
/// The securitization pool: its structure and receivables (this file), its subscription window and issue
/// (PoolGrain.Subscription.cs), its distributions and winding up (PoolGrain.Distribution.cs). The receivables are held
/// on each licence (<see cref="ILicenseRights.PoolRoyalties"/>) from their assignment; from the issue on, their
/// royalties are paid into the pool's collection account, which only the pool pays out of.
/// </summary>
[GrainType("pool")]
internal sealed partial class PoolGrain(
    [PersistentState(StateNames.Pool, StateNames.StorageProvider)] IPersistentState<PoolRecord> pool,
    FollowUpServices followUps,
    Microsoft.Extensions.Options.IOptions<PoolTradingOptions> trading)
    : Grain, IPoolGrain, IFollowUpOwner, IFollowUpHost, IRemindable
{
    private static readonly DeadlineReminder Deadlines = new("pool-dates", TimeSpan.FromHours(24));
    private PoolLifecycle _lifecycle = null!;
    private FollowUpRunner<PoolRecord> _runner = null!;
    private TradingCalendar? _calendar;

    private Guid Id => this.GetPrimaryKey();
    private PoolRecord State => pool.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private PoolDefinition Definition => State.Definition ?? throw new DomainException(DomainErrors.PoolNotFound, $"Pool {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runner = new FollowUpRunner<PoolRecord>(this, pool, followUps, () => PoolEntry.Of(Id, State));
        _runner.Activated();
        _lifecycle = new PoolLifecycle(() => pool.State.Status, s => pool.State.Status = s, () => PoolFacts.Guards(State, Today), $"Pool {Id}");
        if (State.Definition is not null && !_lifecycle.IsFinal)
        {
            await Deadlines.KeepAsync(this, running: true);
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<PoolSnapshot?> TryGet() => Task.FromResult(State.Definition is null ? null : Snapshot());

    public Task<IReadOnlyList<PoolPeriod>> GetPeriods() => Task.FromResult<IReadOnlyList<PoolPeriod>>(State.Definition is null ? [] : [.. State.Periods]);

    public Task<PoolPosition> GetPosition(Guid investorId)
    {
        _ = Definition;
        return Task.FromResult(PoolFacts.Position(Id, State, investorId));
    }

    public Task<IReadOnlyList<PoolPeriod>> Scenario(decimal collectionsFactor)
    {
        var definition = Definition;
        var issuedOn = State.IssuedOn ?? definition.SubscriptionClosesOn;
        var reports = PoolStructure.Scenario(definition, State.IssuedOn is null ? null : State.UnitsIssued, State.Balances, issuedOn, State.Periods.Count, collectionsFactor);
        return Task.FromResult<IReadOnlyList<PoolPeriod>>([.. reports.Select((r, i) => PoolPeriod.Of(State.Periods.Count + i + 1, r, null, 0))]);
    }

    public async Task<PoolSnapshot> Structure(PoolDefinition definition, Actor originator)
    {
        await _runner.ResumeAsync();
        var validated = PoolStructure.Validate(definition, Today);
        if (State.Definition is { } recorded)
        {
            return PoolDefinition.Same(recorded, validated) && State.OriginatorId == originator.ParticipantId ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Pool {Id} was structured with other terms.");
        }
        var agency = await GrainFactory.GetGrain<IParticipantGrain>(originator.ParticipantId).TryGet();
        if (agency is null || (agency.Roles & ParticipantRoles.Agency) == 0)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {originator.ParticipantId} is not an operating agency; only an agency originates a pool.");
        }
        if (!agency.MayMoveMoney)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"The originator {originator.ParticipantId}'s KYC is not verified.");
        }
        foreach (var fee in validated.Fees)
        {
            _ = await GrainFactory.GetGrain<IParticipantGrain>(fee.PayeeId).TryGet()
                ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Fee {fee.Id}'s payee {fee.PayeeId} is not registered.", "fees");
        }
        State.Definition = validated;
        State.OriginatorId = originator.ParticipantId;
        State.CreatedAt = Now;
        State.Status = PoolStatus.Structuring;
        await Deadlines.KeepAsync(this, running: true);
        await _runner.CommitAsync(
            Audit("structured", originator, $"pool \"{validated.Name}\": {validated.Tranches.Count} tranche(s) of {PoolFacts.Offered(validated)}, {validated.DistributionDates.Count} distribution dates to {validated.MaturesOn:yyyy-MM-dd}"),
            new SetWakeup(WakeupKinds.Pool, Id.ToString("N"), true));
        return Snapshot();
    }

    public async Task<PoolSnapshot> AssignReceivable(Guid licenseId, Actor originator)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        RequireOriginator(originator, "assigns receivables");
        if (State.Receivables.Contains(licenseId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureAssignsReceivables();
        if (State.Receivables.Count >= PoolRecord.MaxReceivables)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Pool {Id} holds {PoolRecord.MaxReceivables} receivables already; no more are taken.", "licenseId");
        }
        var licence = await GrainFactory.GetGrain<ILicenseGrain>(licenseId).TryGet()
            ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {licenseId} does not exist.", "licenseId");
        if (ReceivableEligibility.Refusal(licence, Id, State.OriginatorId, definition.MaturesOn) is { } refusal)
        {
            throw refusal;
        }
        State.Receivables.Add(licenseId);
        await _runner.CommitAsync(Audit($"receivable:{licenseId:N}", originator, $"the royalties of licence {licenseId} sold into the pool"), new HoldPooledRoyalties(licenseId, Id, Held: true));
        return Snapshot();
    }

    public async Task<PoolSnapshot> RemoveReceivable(Guid licenseId, Actor originator)
    {
        await _runner.ResumeAsync();
        _ = Definition;
        RequireOriginator(originator, "removes receivables");
        if (!State.Receivables.Contains(licenseId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureAssignsReceivables();
        State.Receivables.Remove(licenseId);
        await _runner.CommitAsync(Audit($"receivable-removed:{licenseId:N}:{Now.UtcTicks}", originator, $"licence {licenseId} taken out of the pool"), new HoldPooledRoyalties(licenseId, Id, Held: false));
        return Snapshot();
    }

    public async Task<PoolSnapshot> OpenSubscription(Actor originator)
    {
        await _runner.ResumeAsync();
        var definition = Definition;
        RequireOriginator(originator, "opens the subscription window");
        if (!_lifecycle.CanOpenSubscription)
        {
            _lifecycle.OpenSubscription(); // a repeat is ignored; anything else refuses, naming the status or the unmet guard
            return Snapshot();
        }
        // Each receivable again, as it is now: its licence may have ended, or a pledge or another pool may have taken it.
        if (await ReceivablesRefusalAsync() is { } refusal)
        {
            throw refusal;
        }
        _lifecycle.OpenSubscription();
        await _runner.CommitAsync(Audit("subscription-opened", originator, $"open for subscription until {definition.SubscriptionClosesOn:yyyy-MM-dd}"));
        return Snapshot();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Deadlines.TickAsync(this, reminderName, async () =>
    {
        if (State.Definition is not null && _lifecycle.HoldsSubscriptions && !PoolFacts.Guards(State, Today).WindowOpen)
        {
            await CloseSubscription(Actor.System);
        }
        if (State.Definition is not null && _lifecycle.CanDistribute && PoolFacts.NextDate(State) <= Today)
        {
            await Distribute(Actor.System);
        }
        if (State.Definition is not null)
        {
            await ReviewTradesAsync();
            await WindUpIfDueAsync(Actor.System);
            await ReviewOrdersAsync();
        }
        if (State.Definition is null || _lifecycle.IsFinal)
        {
            await Deadlines.StopAsync(this);
        }
    });

    /// <summary>
    /// The first receivable no longer eligible, or not held for this pool (its hold is taken again where nobody took it
    /// meanwhile); null when every one is the pool's.
    /// </summary>
    private async Task<DomainException?> ReceivablesRefusalAsync()
    {
        foreach (var licenseId in State.Receivables)
        {
            var licence = await GrainFactory.GetGrain<ILicenseGrain>(licenseId).TryGet();
            if (licence is null)
            {
                return new DomainException(DomainErrors.LicenseNotFound, $"Licence {licenseId} does not exist.", "licenseId");
            }
            if (ReceivableEligibility.Refusal(licence, Id, State.OriginatorId, Definition.MaturesOn) is { } refusal)
            {
                return refusal;
            }
            if (licence.RoyaltiesPooledIn != Id && !await GrainFactory.GetGrain<ILicenseRights>(licenseId).PoolRoyalties(Id, held: true))
            {
                return new DomainException(DomainErrors.ReceivableInAnotherPool, $"Licence {licenseId}'s royalty receivable was taken by another pool or a pledge.", "licenseId");
            }
        }
        return null;
    }

    private void RequireOriginator(Actor actor, string what)
    {
        if (actor.ParticipantId != State.OriginatorId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not pool {Id}'s originator; only the originator {what}.");
        }
    }

    private void RequireOriginatorOrOperator(Actor actor, string what)
    {
        if (actor.ParticipantId != State.OriginatorId && !actor.IsOperator())
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is neither pool {Id}'s originator nor the operator; only they {what}.");
        }
    }

    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"pool:{Id:N}:{action}", $"pool:{Id:N}", action, actor.ParticipantId, Now, details));

    private PoolSnapshot Snapshot() => PoolFacts.Snapshot(Id, State, Today, _lifecycle.ActionsNow());
}
