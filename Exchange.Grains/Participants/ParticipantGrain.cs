using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Participants;

[GrainType("participant")]
internal sealed class ParticipantGrain(
    [PersistentState(StateNames.Participant, StateNames.StorageProvider)] IPersistentState<ParticipantState> participant,
    IExchangeStore store,
    TimeProvider clock)
    : Grain, IParticipantGrain
{
    private KycLifecycle _kyc = null!;

    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Built here, not in the constructor: the state is loaded only now.
        _kyc = new KycLifecycle(() => participant.State.KycStatus, status => participant.State.KycStatus = status);
        return Task.CompletedTask;
    }

    public async Task<ParticipantSnapshot> Register(RegisterParticipant command, Actor actor)
    {
        var registration = ParticipantRules.Validate(command);
        if (participant.State.IsRegistered)
        {
            if (participant.State.Registration != registration)
            {
                throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Participant {Id} is already registered with different details.");
            }
            await AppendAuditAsync("registered", actor, registration.LegalName, participant.State.RegisteredAt);
            return Snapshot();
        }

        var holder = await GrainFactory.GetGrain<ICreditCodeClaimGrain>(registration.CreditCode).Claim(Id);
        if (holder != Id)
        {
            throw new DomainException(DomainErrors.ParticipantAlreadyRegistered, $"Credit code {registration.CreditCode} is already registered to participant {holder}.", "creditCode");
        }

        var now = clock.GetUtcNow();
        participant.State.IsRegistered = true;
        participant.State.Registration = registration;
        participant.State.KycStatus = KycStatus.Pending;
        participant.State.RegisteredAt = now;
        participant.State.UpdatedAt = now;
        await WriteAsync("registered", actor, registration.LegalName, now);
        return Snapshot();
    }

    public Task<ParticipantSnapshot?> TryGet() => Task.FromResult(participant.State.IsRegistered ? Snapshot() : null);

    public async Task<ParticipantSnapshot> SetRemunerationPolicy(Licenses.RemunerationPolicy policy, Actor actor)
    {
        if (!participant.State.IsRegistered)
        {
            throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {Id} is not registered.");
        }
        _ = policy.BasisPoints; // validates the basis and an agreed percentage
        if (participant.State.RemunerationPolicy == policy)
        {
            return Snapshot();
        }
        var now = clock.GetUtcNow();
        participant.State.RemunerationPolicy = policy;
        participant.State.UpdatedAt = now;
        await WriteAsync("remuneration-policy", actor, $"{policy.Basis} ({policy.BasisPoints / 100m}%)", now);
        return Snapshot();
    }

    public async Task<ParticipantSnapshot> DecideKyc(KycDecision decision, string reason, Actor actor)
    {
        if (!participant.State.IsRegistered)
        {
            throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {Id} is not registered.");
        }
        if (!Enum.IsDefined(decision))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Unknown KYC decision {(int)decision}.", "decision");
        }
        if (reason is { Length: > 500 })
        {
            throw new DomainException(DomainErrors.InvalidInput, "The reason is at most 500 characters.", "reason");
        }
        var before = _kyc.Status;
        _kyc.Apply(decision);
        if (_kyc.Status != before)
        {
            var now = clock.GetUtcNow();
            participant.State.UpdatedAt = now;
            await WriteAsync($"kyc:{decision}", actor, $"{before} -> {_kyc.Status}: {reason}", now);
        }
        // Also on a repeat: a notification lost to a crash is delivered when the operator retries.
        await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(Id)).OwnerKycChanged(_kyc.Status);
        return Snapshot();
    }

    private Task WriteAsync(string action, Actor actor, string details, DateTimeOffset at) =>
        participant.WriteAndAuditAsync(this, store, ObjectId, EntryId(action, at), action, actor, at, details);

    /// <summary>A repeated registration re-appends its entry (the first append may have been lost); the id keeps it single.</summary>
    private Task AppendAuditAsync(string action, Actor actor, string details, DateTimeOffset at) =>
        store.AppendAuditAsync(new AuditEntry(EntryId(action, at), ObjectId, action, actor.ParticipantId, at, details));

    private string ObjectId => $"participant:{Id:N}";

    // The entry id names the object, action and the time the change took effect, so a retried command leaves one entry.
    private string EntryId(string action, DateTimeOffset at) => $"{ObjectId}:{action}:{at.UtcTicks}";

    private ParticipantSnapshot Snapshot()
    {
        var r = participant.State.Registration!;
        return new ParticipantSnapshot(Id, r.LegalName, r.Kind, r.CreditCode, r.Roles, r.IsDomestic, r.IsSmallEntity,
            participant.State.KycStatus, participant.State.RegisteredAt, participant.State.UpdatedAt,
            participant.State.RemunerationPolicy ?? new Licenses.RemunerationPolicy(Licenses.RemunerationBasis.StatutoryFloor));
    }
}
