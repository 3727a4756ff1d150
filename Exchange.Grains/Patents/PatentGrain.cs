using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Patents;

/// <summary>
/// The patent: its legal status, mandates and open-licence offer (this file, <see cref="IPatentGrain"/>), its
/// registration and the confirmations that make it tradable (PatentGrain.Registration.cs), its annual fees and
/// restoration (PatentGrain.Fees.cs), and what other objects hold on it (PatentGrain.Encumbrances.cs,
/// <see cref="IPatentEncumbrances"/>). One grain, so
/// that a licence claim and a status change (a lapse, an invalidation) are serialized by the same activation.
/// </summary>
[GrainType("patent")]
internal sealed partial class PatentGrain(
    [PersistentState(StateNames.Patent, StateNames.StorageProvider)] IPersistentState<PatentState> patent,
    FollowUpServices followUps)
    : Grain, IPatentGrain, IPatentEncumbrances, IFollowUpOwner, IFollowUpHost, IRemindable
{
    private static readonly DeadlineReminder Deadlines = new("legal-status-deadlines", TimeSpan.FromHours(24));
    private PatentLifecycle? _machine;
    private FollowUpRunner<PatentState> _runner = null!;

    private string Number => this.GetPrimaryKeyString();
    private PatentState State => patent.State;
    private PatentFacts Facts => new(patent.State, Number);
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private bool DeadlinesRun => PatentLifecycle.HasRunningDeadlines(State.LegalStatus);

    /// <summary>Built on first use: reads answer from the state, and most activations only read.</summary>
    private PatentLifecycle Lifecycle => _machine ??=
        new PatentLifecycle(() => patent.State.LegalStatus, s => patent.State.LegalStatus = s, () => patent.State.LapseNoticeDate, $"Patent {Number}");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        State.Upgrade();
        _runner = new FollowUpRunner<PatentState>(this, patent, followUps, () => PatentEntry.Of(Number, State));
        _runner.Activated();
        // Reminders live in memory in the embedded mode: re-arm from durable state whenever the patent wakes up.
        if (State.Registration is not null && DeadlinesRun)
        {
            await Deadlines.KeepAsync(this, running: true);
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<PatentSnapshot?> TryGet() => Task.FromResult(State.Registration is null ? null : Facts.Snapshot(Now));

    public async Task<PatentSnapshot> Grant(DateOnly grantDate, Actor actor)
    {
        await _runner.ResumeAsync();
        PatentRules.ValidateGrantDate(grantDate, Facts.Record.FilingDate, Today);
        if (State.GrantDate == grantDate)
        {
            return Snapshot();
        }
        Lifecycle.Grant();
        State.GrantDate = grantDate;
        // A grant recorded late may find deadlines already passed; they are applied in the same write.
        var deadlines = ApplyPassedDeadlines().ToArray();
        await Deadlines.KeepAsync(this, DeadlinesRun);
        await _runner.CommitAsync([Audit("granted", actor, $"granted on {grantDate:yyyy-MM-dd}"), new SetWakeup(WakeupKinds.Patent, Number, true), .. deadlines]);
        return Snapshot();
    }

    public async Task<PatentSnapshot> GrantMandate(Guid ownerId, Guid agencyId, DateOnly validUntil, Actor actor)
    {
        await _runner.ResumeAsync();
        RequireOwner(ownerId);
        if (validUntil < Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A mandate valid until {validUntil:yyyy-MM-dd} has already ended.", "validUntil");
        }
        await ParticipantDirectory.RequireRoleAsync(GrainFactory, agencyId, ParticipantRoles.Agency, "agencyId", "operating agency");
        var mandate = new Mandate(ownerId, agencyId, validUntil);
        if (!State.Mandates.Contains(mandate))
        {
            State.Mandates.RemoveAll(m => m.OwnerId == ownerId && m.AgencyId == agencyId);
            State.Mandates.Add(mandate);
            await _runner.CommitAsync(Audit($"mandate:{ownerId:N}:{agencyId:N}", actor, $"owner {ownerId} mandates agency {agencyId} until {validUntil:yyyy-MM-dd}"));
        }
        return Snapshot();
    }

    public async Task<PatentSnapshot> Invalidate(string decisionReference, Actor actor)
    {
        await ReadyAsync();
        _ = Facts.Record;
        var reference = PatentRules.Reference(decisionReference, "decisionReference", "invalidation decision reference");
        var before = State.LegalStatus;
        if (!Lifecycle.Invalidate())
        {
            return Snapshot();
        }
        State.InvalidationDecision = reference;
        State.InvalidatedOn = Today;
        State.InvalidationRequest = null;
        // An invalid patent is deemed never to have existed (Patent Law Art. 47): every right on it ends, each
        // holder told so, and nothing new can be granted on it (the lifecycle refuses).
        var why = $"patent {Number} was declared invalid";
        List<FollowUp> ended =
        [
            Audit("invalidated", actor, $"invalidated by decision {reference} (was {before})"),
            new SetWakeup(WakeupKinds.Patent, Number, false),
            .. State.LicenseClaims.Select(c => new TellLicenseOfInvalidation(c.LicenseId, Number, Today)),
            .. State.OpenListings.Select(l => new Listings.CloseListingForPatent(l, Number, why)),
            // A pledge loses this collateral (and an enforcement sale of it, which is the pledge's own, not a transfer grain's).
            .. PledgeHoldRules.IsHeld(State.Pledge, Now) ? [new Pledges.TellPledgeOfInvalidation(State.Pledge!.PledgeId, Number)] : Array.Empty<FollowUp>(),
            .. Facts.HeldTransfer(Now) is { } transfer && !PledgeHoldRules.IsEnforcementSale(State.Pledge, Number, transfer)
                ? [new CancelPatentTransfer(transfer, why)] : Array.Empty<FollowUp>(),
        ];
        State.LicenseClaims.Clear();
        State.OpenListings.Clear();
        State.OpenLicense = null;
        await _runner.CommitAsync(ended);
        await Deadlines.StopAsync(this);
        return Snapshot();
    }

    public async Task<PatentSnapshot> DeclareOpenLicense(LicenseTerms terms, Actor owner)
    {
        await ReadyAsync();
        RequireOwner(owner.ParticipantId);
        var validated = LicenseTerms.Validate(terms with { Type = LicenseType.Ordinary }, "terms");
        if (State.OpenLicense is { } existing && LicenseTerms.Same(existing.Terms, validated))
        {
            return Snapshot();
        }
        Lifecycle.EnsureMayOfferOpenLicense();
        Facts.EnsureTradable("offered under an open licence");
        if ((LicenseClaimRules.OpenLicenseRefusal(Number, Facts.HeldClaims(Now)) ?? PledgeHoldRules.OpenLicenseRefusal(Number, State.Pledge, Now)) is { } refusal)
        {
            throw refusal;
        }
        State.OpenLicense = new OpenLicenseDeclaration(validated, owner.ParticipantId, Today);
        await _runner.CommitAsync(Audit("open-license-declared", owner, $"open licence: {validated.RoyaltyRateBasisPoints / 100m}% royalty, {validated.UpfrontFee} upfront"));
        return Snapshot();
    }

    public async Task<PatentSnapshot> WithdrawOpenLicense(Actor owner)
    {
        await _runner.ResumeAsync();
        RequireOwner(owner.ParticipantId);
        if (State.OpenLicense is not null)
        {
            State.OpenLicense = null;
            await _runner.CommitAsync(Audit("open-license-withdrawn", owner, "open licence withdrawn; licences obtained under it stay in force"));
        }
        return Snapshot();
    }

    public async Task<PatentSnapshot> CheckDeadlines()
    {
        await _runner.ResumeAsync();
        _ = Facts.Record;
        await CatchUpAsync();
        return Snapshot();
    }

    /// <summary>
    /// Before a command that depends on the status: whatever follow-ups are owed, then every deadline that has passed
    /// (applied and written now, with its audit entry), so the command judges the status as it is today.
    /// </summary>
    private async Task ReadyAsync()
    {
        await _runner.ResumeAsync();
        if (State.Registration is not null)
        {
            await CatchUpAsync();
        }
    }

    private async Task CatchUpAsync()
    {
        var lapsedClaims = State.LicenseClaims.RemoveAll(c => !LicenseClaimRules.IsHeld(c, Now));
        if (State.PendingTransfer is not null && Facts.HeldTransfer(Now) is null)
        {
            // Claimed by a proposal that was never confirmed: no transfer holds the patent.
            State.PendingTransfer = null;
            lapsedClaims++;
        }
        List<FollowUp> changes = [.. ApplyPassedDeadlines()];
        if (lapsedClaims > 0)
        {
            changes.Add(Audit("unconfirmed-claims-lapsed", Actor.System, $"{lapsedClaims} claim(s) never confirmed by their licence or transfer released"));
        }
        if (changes.Count > 0)
        {
            await _runner.CommitAsync(changes);
            await Deadlines.KeepAsync(this, DeadlinesRun);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Deadlines.TickAsync(this, reminderName, async () =>
    {
        if (State.Registration is not null)
        {
            await CheckDeadlines();
        }
        if (!(State.Registration is not null && DeadlinesRun))
        {
            await Deadlines.StopAsync(this);
        }
    });

    /// <summary>Applies every passed deadline to the state; returns what the change owes (nothing if none passed).</summary>
    private IEnumerable<FollowUp> ApplyPassedDeadlines()
    {
        var applied = Facts.ApplyPassedDeadlines(Lifecycle, Today);
        if (applied.Count == 0)
        {
            return [];
        }
        var audit = Audit("deadline:" + string.Join("+", applied), Actor.System, $"{string.Join(", ", applied)} on {Today:yyyy-MM-dd}");
        return DeadlinesRun ? [audit] : [audit, new SetWakeup(WakeupKinds.Patent, Number, false)];
    }

    private void RequireOwner(Guid participantId)
    {
        if (!Facts.IsOwner(participantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {participantId} does not own patent {Number}.");
        }
    }

    private IAccountGrain Account(Guid participantId) => GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(participantId));

    // The entry id names the change: the state's version before it, so a retried command appends it once.
    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"patent:{Number}:{action}:{patent.Etag}", $"patent:{Number}", action, actor.ParticipantId, Now, details));

    private PatentSnapshot Snapshot() => Facts.Snapshot(Now);
}
