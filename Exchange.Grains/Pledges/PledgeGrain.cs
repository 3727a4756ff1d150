using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// The pledge: its application and review (this file), its loan — repayments, default, the royalty sweep, the
/// pledgee's consents (PledgeGrain.Loan.cs). The collateral is held on each patent (<see cref="IPatentEncumbrances"/>)
/// and licence (<see cref="Licenses.ILicenseRights"/>) by follow-ups, from the application until the pledge ends.
/// </summary>
[GrainType("pledge")]
internal sealed partial class PledgeGrain(
    [PersistentState(StateNames.Pledge, StateNames.StorageProvider)] IPersistentState<PledgeState> pledge,
    FollowUpServices followUps)
    : Grain, IPledgeGrain, IFollowUpOwner, IFollowUpHost, IRemindable
{
    private static readonly DeadlineReminder Deadlines = new("pledge-due-dates", TimeSpan.FromHours(24));
    private PledgeLifecycle _lifecycle = null!;
    private FollowUpRunner<PledgeState> _runner = null!;

    private Guid Id => this.GetPrimaryKey();
    private PledgeState State => pledge.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private PledgeApplication Application => State.Application ?? throw new DomainException(DomainErrors.PledgeNotFound, $"Pledge {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runner = new FollowUpRunner<PledgeState>(this, pledge, followUps, () => PledgeEntry.Of(Id, State));
        _runner.Activated();
        _lifecycle = new PledgeLifecycle(() => pledge.State.Status, s => pledge.State.Status = s, () => pledge.State.Application?.PledgesRoyalties == true, $"Pledge {Id}");
        if (State.Application is not null && !_lifecycle.IsFinal)
        {
            await Deadlines.KeepAsync(this, running: true);
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<PledgeSnapshot?> TryGet() => Task.FromResult(State.Application is null ? null : Snapshot());

    public async Task<PledgeSnapshot> Apply(PledgeApplication application, Actor applicant)
    {
        await _runner.ResumeAsync();
        var validated = PledgeApplicationRules.Validate(application, Today);
        if (State.Application is { } recorded)
        {
            return PledgeApplicationComparison.Same(recorded, validated) && State.AppliedBy == applicant.ParticipantId ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Pledge {Id} was applied for with other terms.");
        }
        await PledgeReview.EnsurePledgeeAsync(GrainFactory, validated.PledgeeId);
        if (validated.AgentId is { } agent)
        {
            await PledgeReview.EnsureAgencyAsync(GrainFactory, agent);
        }
        var pledgors = await PledgeReview.PledgorsAsync(GrainFactory, validated);
        if (applicant.ParticipantId != validated.PledgeeId && !pledgors.Contains(applicant.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {applicant.ParticipantId} is neither the pledgee nor an owner of the collateral.");
        }
        if (pledgors.Contains(validated.PledgeeId))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The pledgee cannot pledge to itself: it owns part of the collateral.", "pledgeeId");
        }
        // Hold each patent before anything is written: a patent pledged elsewhere refuses here, naming that pledge.
        foreach (var number in validated.ApplicationNumbers)
        {
            await GrainFactory.GetGrain<IPatentEncumbrances>(number).HoldForPledge(Id, validated.PledgeeId).RecordedAsync();
        }
        State.Application = validated;
        State.AppliedBy = applicant.ParticipantId;
        State.Pledgors = [.. pledgors];
        State.Signatures = [applicant.ParticipantId];
        State.ReceivedOn = Today;
        State.Status = PledgeStatus.Applied;
        await Deadlines.KeepAsync(this, running: true);
        await _runner.CommitAsync([
            Audit("applied", applicant, $"pledge of {validated.ApplicationNumbers.Count} patent(s) and {validated.RoyaltyLicenses.Count} licence royalties to {validated.PledgeeId}, securing {validated.Loan.Principal}; decide by {PledgeFacts.DecideBy(State):yyyy-MM-dd}"),
            .. HoldsOnceSigned(),
            new SetWakeup(WakeupKinds.Pledge, Id.ToString("N"), true)]);
        return Snapshot();
    }

    public async Task<PledgeSnapshot> Sign(Actor party)
    {
        await _runner.ResumeAsync();
        RequireParty(party);
        if (State.Signatures.Contains(party.ParticipantId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureAwaitsDecision("takes signatures");
        State.Signatures.Add(party.ParticipantId);
        await _runner.CommitAsync([Audit($"signed:{party.ParticipantId:N}", party, "signed the application"), .. HoldsOnceSigned()]);
        return Snapshot();
    }

    public async Task<PledgeSnapshot> StartReview(Actor operatorActor)
    {
        await _runner.ResumeAsync();
        _ = Application;
        if (_lifecycle.StartReview())
        {
            await _runner.CommitAsync(Audit("review-started", operatorActor, $"taken up for review; decide by {PledgeFacts.DecideBy(State):yyyy-MM-dd}"));
        }
        return Snapshot();
    }

    public async Task<PledgeSnapshot> Register(Actor operatorActor)
    {
        await _runner.ResumeAsync();
        var application = Application;
        if (!_lifecycle.AwaitsDecision)
        {
            // Registered already: a repeat. Anything else refuses, naming the status.
            _lifecycle.Register();
            return Snapshot();
        }
        _lifecycle.StartReview();
        // The royalties are taken now (a licence pledged elsewhere answers no, and the review then names that pledge).
        foreach (var licenseId in application.RoyaltyLicenses)
        {
            await GrainFactory.GetGrain<Licenses.ILicenseRights>(licenseId).PledgeRoyalties(Id, held: true);
        }
        PledgeRegistrationRules.EnsureRegistrable(await PledgeReview.FactsAsync(GrainFactory, Id, State));
        _lifecycle.Register();
        State.DecidedOn = Today;
        State.Schedule = [.. LoanSchedule.Build(application.Loan)];
        await _runner.CommitAsync([
            Audit("registered", operatorActor, $"registered{Late()}; {State.Schedule.Count} instalments from {State.Schedule[0].DueOn:yyyy-MM-dd}"),
            .. application.ApplicationNumbers.Select(FollowUp (n) => new ConfirmPledgeHold(n, Id, application.PledgeeId))]);
        return Snapshot();
    }

    public async Task<PledgeSnapshot> Refuse(string note, Actor operatorActor)
    {
        await _runner.ResumeAsync();
        _ = Application;
        var reason = PatentRules.Reference(note, "note", "reason for the refusal");
        if (!_lifecycle.AwaitsDecision)
        {
            _lifecycle.Refuse();
            return Snapshot();
        }
        var refusals = PledgeRegistrationRules.Refusals(await PledgeReview.FactsAsync(GrainFactory, Id, State));
        _lifecycle.StartReview();
        _lifecycle.Refuse();
        State.DecidedOn = Today;
        State.Refusals = [.. refusals, new PledgeRefusal(DomainErrors.InvalidInput, reason)];
        await EndAsync("refused", operatorActor, $"refused{Late()}: {reason}");
        return Snapshot();
    }

    public async Task<PledgeSnapshot> Withdraw(Actor party)
    {
        await _runner.ResumeAsync();
        RequireParty(party);
        if (_lifecycle.Withdraw())
        {
            await EndAsync("withdrawn", party, "withdrawn before a decision");
        }
        return Snapshot();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Deadlines.TickAsync(this, reminderName, async () =>
    {
        if (State.Application is not null)
        {
            await CheckStanding();
        }
        if (State.Application is null || _lifecycle.IsFinal)
        {
            await Deadlines.StopAsync(this);
        }
    });

    /// <summary>
    /// The collateral is held for good once every pledgor has signed: until then the application's hold on each patent
    /// is provisional and lapses, so that nobody locks another's patents by applying alone.
    /// </summary>
    private IEnumerable<FollowUp> HoldsOnceSigned() => !State.Pledgors.IsSubsetOf(State.Signatures) ? [] :
    [
        .. Application.ApplicationNumbers.Select(FollowUp (n) => new ConfirmPledgeHold(n, Id, Application.PledgeeId)),
        .. Application.RoyaltyLicenses.Select(FollowUp (l) => new HoldPledgedRoyalties(l, Id, Held: true)),
    ];

    /// <summary>The pledge has ended: every patent and licence it held is free, and it is no longer woken.</summary>
    private async Task EndAsync(string action, Actor actor, string details, IEnumerable<FollowUp>? before = null)
    {
        // One write with what led here, so that an ended pledge always owes its releases (a crash cannot split them off).
        await _runner.CommitAsync([.. before ?? [], .. EndOwed(action, actor, details)]);
        await Deadlines.StopAsync(this);
    }

    private List<FollowUp> EndOwed(string action, Actor actor, string details)
    {
        var application = Application;
        return [
            Audit(action, actor, details),
            .. SettleEscrow(coversShortfall: _lifecycle.ClosedByEnforcement),
            .. application.ApplicationNumbers.Select(FollowUp (n) => new ReleasePledgeHold(n, Id)),
            .. application.RoyaltyLicenses.Select(FollowUp (l) => new HoldPledgedRoyalties(l, Id, Held: false)),
            .. EndSweep(),
            new SetWakeup(WakeupKinds.Pledge, Id.ToString("N"), false)];
    }

    /// <exception cref="DomainException">forbidden for anyone but the pledgee and the pledgors.</exception>
    private void RequireParty(Actor actor)
    {
        if (actor.ParticipantId != Application.PledgeeId && !State.Pledgors.Contains(actor.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not a party to pledge {Id}.");
        }
    }

    private string Late() => Today > PledgeFacts.DecideBy(State) ? $" after its deadline of {PledgeFacts.DecideBy(State):yyyy-MM-dd}" : "";

    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"pledge:{Id:N}:{action}", $"pledge:{Id:N}", action, actor.ParticipantId, Now, details));

    private PledgeSnapshot Snapshot() => PledgeFacts.Snapshot(Id, State, _lifecycle, Today);
}
