using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Participants;

[GrainType("participant")]
internal sealed class ParticipantGrain(
    [PersistentState(StateNames.Participant, StateNames.StorageProvider)] IPersistentState<ParticipantState> participant,
    FollowUpServices followUps)
    : Grain, IParticipantGrain, IFollowUpOwner
{
    private KycLifecycle _kyc = null!;
    private FollowUpRunner<ParticipantState> _runner = null!;

    private Guid Id => this.GetPrimaryKey();
    private ParticipantState State => participant.State;
    private string ObjectId => $"participant:{Id:N}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Built here, not in the constructor: the state is loaded only now.
        _kyc = new KycLifecycle(() => participant.State.KycStatus, status => participant.State.KycStatus = status, $"Participant {Id}");
        if (State.Upgrade(Id, this.GetGrainId().ToString(), followUps.Clock.GetUtcNow()))
        {
            await participant.WriteStateAsync();
        }
        _runner = new FollowUpRunner<ParticipantState>(this, participant, followUps, () => ParticipantEntry.Of(this.GetPrimaryKey(), participant.State));
        _runner.Activated();
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public async Task<ParticipantSnapshot> Register(RegisterParticipant command, Actor actor)
    {
        await _runner.ResumeAsync();
        var registration = ParticipantRegistration.From(ParticipantRules.Validate(command));
        if (State.Registration is { } existing)
        {
            return existing == registration ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Participant {Id} is already registered with different details.");
        }

        var holder = await GrainFactory.GetGrain<ICreditCodeClaimGrain>(registration.CreditCode).Claim(Id);
        if (holder != Id)
        {
            throw new DomainException(DomainErrors.ParticipantAlreadyRegistered, $"Credit code {registration.CreditCode} is already registered to participant {holder}.", "creditCode");
        }

        var now = followUps.Clock.GetUtcNow();
        State.IsRegistered = true;
        State.Registration = registration;
        State.KycStatus = KycStatus.Pending;
        State.RegisteredAt = now;
        State.UpdatedAt = now;
        await _runner.CommitAsync(Audit("registered", actor, registration.LegalName, now));
        return Snapshot();
    }

    public Task<ParticipantSnapshot?> TryGet() => Task.FromResult(State.Registration is null ? null : Snapshot());

    public async Task<ParticipantSnapshot> SetRemunerationPolicy(Licenses.RemunerationPolicy policy, Actor actor)
    {
        await _runner.ResumeAsync();
        RequireRegistered();
        _ = policy.BasisPoints; // validates the basis and an agreed percentage
        if (State.RemunerationPolicy == policy)
        {
            return Snapshot();
        }
        var now = followUps.Clock.GetUtcNow();
        State.RemunerationPolicy = policy;
        State.UpdatedAt = now;
        await _runner.CommitAsync(Audit("remuneration-policy", actor, $"{policy.Basis} ({policy.BasisPoints / 100m}%)", now));
        return Snapshot();
    }

    public async Task<ParticipantSnapshot> DecideKyc(KycDecision decision, string reason, Actor actor)
    {
        await _runner.ResumeAsync();
        RequireRegistered();
        if (!Enum.IsDefined(decision))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Unknown KYC decision {(int)decision}.", "decision");
        }
        if (reason is { Length: > ParticipantRules.MaxKycReasonLength })
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The reason is at most {ParticipantRules.MaxKycReasonLength} characters.", "reason");
        }
        var before = _kyc.Status;
        if (_kyc.Decide(decision))
        {
            var now = followUps.Clock.GetUtcNow();
            State.UpdatedAt = now;
            // The account learns of it before the decision is acknowledged: a suspension stops debits at once.
            await _runner.CommitAsync(
                Audit($"kyc:{decision}", actor, $"{before} -> {_kyc.Status}: {reason}", now),
                new TellAccountOfKyc(Id, _kyc.Status, now.UtcTicks));
        }
        return Snapshot();
    }

    private void RequireRegistered()
    {
        if (State.Registration is null)
        {
            throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {Id} is not registered.");
        }
    }

    // The entry id names the object, the action and the time the change took effect: one entry per change.
    private AppendAudit Audit(string action, Actor actor, string details, DateTimeOffset at) =>
        new(new AuditEntry($"{ObjectId}:{action}:{at.UtcTicks}", ObjectId, action, actor.ParticipantId, at, details));

    private ParticipantSnapshot Snapshot()
    {
        var r = State.Registration!;
        return new ParticipantSnapshot(Id, r.LegalName, r.Kind, r.CreditCode, r.Roles, r.IsDomestic, r.IsSmallEntity,
            State.KycStatus, State.RegisteredAt, State.UpdatedAt,
            State.RemunerationPolicy ?? new Licenses.RemunerationPolicy(Licenses.RemunerationBasis.StatutoryFloor));
    }
}
