using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Patents;

[GrainType("patent")]
internal sealed class PatentGrain(
    [PersistentState(StateNames.Patent, StateNames.StorageProvider)] IPersistentState<PatentState> patent,
    FollowUpServices followUps)
    : Grain, IPatentGrain, IPatentEncumbrances, IFollowUpOwner, IRemindable
{
    private const string DeadlineReminder = "legal-status-deadlines";
    private PatentLifecycle? _machine;
    private FollowUpRunner<PatentState> _runner = null!;

    private string Number => this.GetPrimaryKeyString();
    private PatentState State => patent.State;
    private PatentRecord Record => State.Registration ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {Number} is not registered.");
    private PatentKind BasicKind => ApplicationNumber.Parse(Number).BasicKind;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>Built on first use: reads answer from the state, and most activations only read.</summary>
    private PatentLifecycle Lifecycle => _machine ??=
        new PatentLifecycle(() => patent.State.LegalStatus, s => patent.State.LegalStatus = s, () => patent.State.LapseNoticeDate, $"Patent {Number}");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runner = new FollowUpRunner<PatentState>(this, patent, followUps);
        _runner.Activated();
        // Reminders live in memory in the embedded mode: re-arm from durable state whenever the patent wakes up.
        if (State.Registration is not null && PatentLifecycle.HasRunningDeadlines(State.LegalStatus))
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<PatentSnapshot?> TryGet() => Task.FromResult(State.Registration is null ? null : Snapshot());

    public async Task<PatentSnapshot> Register(RegisterPatent command, Actor actor)
    {
        await _runner.ResumeAsync();
        var (number, validated) = PatentRules.Validate(command);
        if (number.ToString() != Number)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Application {number} was sent to patent {Number}.", "applicationNumber");
        }
        var record = PatentRecord.From(validated);
        if (State.Registration is { } existing)
        {
            return existing.Matches(record) ? Snapshot()
                : throw new DomainException(DomainErrors.PatentAlreadyRegistered, $"Application {Number} is already registered with other details.");
        }
        foreach (var owner in record.Owners)
        {
            await RequireParticipantAsync(owner.ParticipantId, "owners", $"Owner {owner.ParticipantId} is not a registered participant.");
        }
        // Remuneration is paid into a registered inventor's account: it has to exist.
        foreach (var inventor in record.Inventors.Where(i => i.ParticipantId is not null))
        {
            await RequireParticipantAsync(inventor.ParticipantId!.Value, "inventors", $"Inventor {inventor.Name}'s participant {inventor.ParticipantId} is not registered.");
        }
        State.Registration = record;
        State.LegalStatus = LegalStatus.Pending;
        await _runner.CommitAsync(Audit("registered", actor, $"{record.Title}; owners {string.Join(", ", record.Owners.Select(o => $"{o.ParticipantId} {o.ShareBasisPoints / 100m}%"))}"));
        return Snapshot();
    }

    public async Task<PatentSnapshot> Grant(DateOnly grantDate, Actor actor)
    {
        await _runner.ResumeAsync();
        var record = Record;
        if (grantDate < record.FilingDate || grantDate > Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A grant date lies between the filing date {record.FilingDate:yyyy-MM-dd} and today.", "grantDate");
        }
        if (State.GrantDate == grantDate)
        {
            return Snapshot();
        }
        Lifecycle.Grant();
        State.GrantDate = grantDate;
        // A grant recorded late may find deadlines already passed; they are applied in the same write.
        await _runner.CommitAsync([Audit("granted", actor, $"granted on {grantDate:yyyy-MM-dd}"), new SetWakeup(WakeupKinds.Patent, Number, true), .. ApplyPassedDeadlines()]);
        await UpdateReminderAsync();
        return Snapshot();
    }

    public async Task<PatentSnapshot> PayAnnualFee(int patentYear, Guid payerParticipantId, Actor actor)
    {
        await _runner.ResumeAsync();
        var record = Record;
        if (State.PaidFeeYears.Contains(patentYear))
        {
            return Snapshot();
        }
        RequireOwner(payerParticipantId);
        var next = NextFee() ?? throw new DomainException(DomainErrors.AnnualFeeNotDue, $"Patent {Number} ({State.LegalStatus}) owes no annual fee.");
        if (patentYear != next.PatentYear)
        {
            throw new DomainException(DomainErrors.AnnualFeeNotDue, $"The next annual fee of patent {Number} is for patent year {next.PatentYear}, not {patentYear}.", "patentYear");
        }
        Lifecycle.EnsureMayPayFee();
        var fee = AnnualFeeCalculator.Compute(FeeSchedule.Default, BasicKind, record.FilingDate, State.GrantDate!.Value,
            patentYear, await QualifyingOwnersAsync(), record.Owners.Count, Today);
        // The posting id names the patent and year, so the fee is paid once however often or by whom it is retried.
        await Account(payerParticipantId).Withdraw($"annual-fee:{Number}:{patentYear}", fee.Payable,
            $"annual fee ZL{Number} year {patentYear} (surcharge {fee.Surcharge})", actor);
        State.PaidFeeYears.Add(patentYear);
        Lifecycle.RecordFeePaid();
        await _runner.CommitAsync(Audit($"annual-fee-paid:{patentYear}", actor, $"{fee.Payable} paid by {payerParticipantId} ({fee.LateMonths} month(s) late)"));
        return Snapshot();
    }

    public async Task<PatentSnapshot> Restore(Guid payerParticipantId, Actor actor)
    {
        await _runner.ResumeAsync();
        var record = Record;
        RequireOwner(payerParticipantId);
        Lifecycle.EnsureMayRestore(Today);
        var missed = NextFee()!;
        var payable = AnnualFeeCalculator.RestorationPayable(FeeSchedule.Default, BasicKind, record.FilingDate, State.GrantDate!.Value,
            missed.PatentYear, await QualifyingOwnersAsync(), record.Owners.Count);
        await Account(payerParticipantId).Withdraw($"restoration:{Number}:{missed.PatentYear}", payable,
            $"restoration of ZL{Number}: annual fee year {missed.PatentYear}, surcharge, request fee", actor);
        Lifecycle.Restore(Today);
        State.PaidFeeYears.Add(missed.PatentYear);
        State.LapsedFrom = null;
        await _runner.CommitAsync(Audit("restored", actor, $"restored on {Today:yyyy-MM-dd}; {payable} paid by {payerParticipantId}"), new SetWakeup(WakeupKinds.Patent, Number, true));
        await UpdateReminderAsync();
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
        var agency = await GrainFactory.GetGrain<IParticipantGrain>(agencyId).TryGet();
        if (agency is null || (agency.Roles & ParticipantRoles.Agency) == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {agencyId} is not a registered operating agency.", "agencyId");
        }
        var mandate = new Mandate(ownerId, agencyId, validUntil);
        if (State.Mandates.Contains(mandate))
        {
            return Snapshot();
        }
        State.Mandates.RemoveAll(m => m.OwnerId == ownerId && m.AgencyId == agencyId);
        State.Mandates.Add(mandate);
        await _runner.CommitAsync(Audit($"mandate:{ownerId:N}:{agencyId:N}", actor, $"owner {ownerId} mandates agency {agencyId} until {validUntil:yyyy-MM-dd}"));
        return Snapshot();
    }

    public async Task<PatentSnapshot> Invalidate(string decisionReference, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Record;
        if (string.IsNullOrWhiteSpace(decisionReference) || decisionReference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The invalidation decision reference has 1–100 characters.", "decisionReference");
        }
        var before = State.LegalStatus;
        if (!Lifecycle.Invalidate())
        {
            return Snapshot();
        }
        State.InvalidationDecision = decisionReference.Trim();
        State.InvalidatedOn = Today;
        // An invalid patent is deemed never to have existed (Patent Law Art. 47): every right on it ends, each
        // holder told so, and nothing new can be granted on it (the lifecycle refuses).
        List<FollowUp> ended =
        [
            Audit("invalidated", actor, $"invalidated by decision {decisionReference} (was {before})"),
            new SetWakeup(WakeupKinds.Patent, Number, false),
            .. State.LicenseClaims.Select(c => new TellLicenseOfInvalidation(c.LicenseId, Number, Today)),
            .. State.OpenListings.Select(l => new Listings.CloseListingForPatent(l, Number, $"patent {Number} was declared invalid")),
            .. State.PendingTransfer is { } transfer ? [new CancelPatentTransfer(transfer, $"patent {Number} was declared invalid")] : Array.Empty<FollowUp>(),
        ];
        State.LicenseClaims.Clear();
        State.OpenListings.Clear();
        State.OpenLicense = null;
        await _runner.CommitAsync(ended);
        await UpdateReminderAsync();
        return Snapshot();
    }

    public async Task<PatentSnapshot> DeclareOpenLicense(LicenseTerms terms, Actor owner)
    {
        await _runner.ResumeAsync();
        RequireOwner(owner.ParticipantId);
        var validated = LicenseTerms.Validate(terms with { Type = LicenseType.Ordinary }, "terms");
        if (State.OpenLicense is { } existing && LicenseTerms.Same(existing.Terms, validated))
        {
            return Snapshot();
        }
        Lifecycle.EnsureMayOfferOpenLicense();
        if (LicenseClaimRules.OpenLicenseRefusal(Number, HeldClaims()) is { } refusal)
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
        _ = Record;
        var lapsedClaims = State.LicenseClaims.RemoveAll(c => !LicenseClaimRules.IsHeld(c, Now));
        List<FollowUp> changes = [.. ApplyPassedDeadlines()];
        if (lapsedClaims > 0)
        {
            changes.Add(Audit("unconfirmed-claims-lapsed", Actor.System, $"{lapsedClaims} licence claim(s) never confirmed by their licence released"));
        }
        if (changes.Count > 0)
        {
            await _runner.CommitAsync(changes);
            await UpdateReminderAsync();
        }
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder && State.Registration is not null)
        {
            await CheckDeadlines();
        }
    }

    public async Task ListingChanged(Guid listingId, bool open)
    {
        await _runner.ResumeAsync();
        _ = Record;
        if (open ? State.OpenListings.Add(listingId) : State.OpenListings.Remove(listingId))
        {
            await _runner.CommitAsync(Audit($"listing-{(open ? "opened" : "closed")}:{listingId:N}", Actor.System, $"listing {listingId}"));
        }
    }

    public async Task<PatentSnapshot> BeginTransfer(Guid transferId)
    {
        await _runner.ResumeAsync();
        _ = Record;
        if (State.PendingTransfer == transferId)
        {
            return Snapshot();
        }
        if (State.PendingTransfer is { } other)
        {
            throw new DomainException(DomainErrors.PatentTransferPending, $"Patent {Number} is already being transferred (transfer {other}).");
        }
        Lifecycle.EnsureMayBeTransferred();
        if (LicenseClaimRules.TransferRefusal(Number, HeldClaims()) is { } refusal)
        {
            throw refusal;
        }
        State.PendingTransfer = transferId;
        await _runner.CommitAsync(Audit($"transfer-begun:{transferId:N}", Actor.System, $"transfer {transferId} pending"));
        return Snapshot();
    }

    public async Task AbandonTransfer(Guid transferId)
    {
        await _runner.ResumeAsync();
        if (State.PendingTransfer == transferId)
        {
            State.PendingTransfer = null;
            await _runner.CommitAsync(Audit($"transfer-abandoned:{transferId:N}", Actor.System, $"transfer {transferId} cancelled"));
        }
    }

    public async Task<PatentSnapshot> CompleteTransfer(Guid transferId, Guid buyerId)
    {
        await _runner.ResumeAsync();
        var record = Record;
        if (State.CompletedTransfers.Contains(transferId))
        {
            return Snapshot();
        }
        if (State.PendingTransfer != transferId)
        {
            throw new DomainException(DomainErrors.InvalidPatentTransition, $"Transfer {transferId} is not the pending transfer of patent {Number}.");
        }
        // No status check here: the transfer checked it when the assignment was recorded, and a recorded
        // assignment has taken effect whatever happened to the patent since.
        var before = string.Join(", ", record.Owners.Select(o => o.ParticipantId));
        State.Registration = record with { Owners = [new PatentOwner(buyerId, PatentRules.FullShare)] };
        State.Mandates.Clear();
        // The old owner's open-licence offer does not bind the buyer; licences obtained under it survive.
        State.OpenLicense = null;
        State.PendingTransfer = null;
        State.CompletedTransfers.Add(transferId);
        // The old owners' listings end with their ownership; the transfer process closes them after this returns.
        State.OpenListings.Clear();
        await _runner.CommitAsync(Audit($"transferred:{transferId:N}", Actor.System, $"assigned from {before} to {buyerId} by transfer {transferId}"));
        return Snapshot();
    }

    public async Task ClaimLicense(LicenseClaim claim)
    {
        await _runner.ResumeAsync();
        _ = Record;
        var now = Now;
        var index = State.LicenseClaims.FindIndex(c => c.LicenseId == claim.LicenseId);
        if (index >= 0 && LicenseClaimRules.IsHeld(State.LicenseClaims[index], now))
        {
            return;
        }
        Lifecycle.EnsureMayBeLicensed();
        if (LicenseClaimRules.Refusal(Number, claim, HeldClaims(), State.PendingTransfer, State.OpenLicense is not null) is { } refusal)
        {
            throw refusal;
        }
        State.LicenseClaims.RemoveAll(c => c.LicenseId == claim.LicenseId || !LicenseClaimRules.IsHeld(c, now));
        State.LicenseClaims.Add(new ClaimedLicense(claim.LicenseId, claim.Type, claim.Scope, ClaimStage.Provisional, now));
        await _runner.CommitAsync(Audit($"license-claimed:{claim.LicenseId:N}", Actor.System,
            $"{claim.Type} licence {claim.LicenseId} {claim.Scope.Start:yyyy-MM-dd}–{claim.Scope.End:yyyy-MM-dd}, until the licence confirms it"));
    }

    public async Task ConfirmLicenseClaim(Guid licenseId, bool inEffect)
    {
        await _runner.ResumeAsync();
        var stage = inEffect ? ClaimStage.InEffect : ClaimStage.AwaitingConsents;
        var index = State.LicenseClaims.FindIndex(c => c.LicenseId == licenseId);
        if (index < 0)
        {
            // The claim lapsed before the licence could confirm it (its submission was interrupted for longer than
            // the provisional lifetime). The licence must not believe it holds a scope nobody protects.
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {licenseId} holds no claim on patent {Number} to confirm; it lapsed unconfirmed.");
        }
        if (State.LicenseClaims[index].Stage != stage)
        {
            State.LicenseClaims[index] = State.LicenseClaims[index] with { Stage = stage, Since = Now };
            await _runner.CommitAsync(Audit($"license-claim-{(inEffect ? "in-effect" : "awaiting-consents")}:{licenseId:N}", Actor.System, $"licence {licenseId} {stage}"));
        }
    }

    public async Task ReleaseLicense(Guid licenseId)
    {
        await _runner.ResumeAsync();
        if (State.LicenseClaims.RemoveAll(c => c.LicenseId == licenseId) > 0)
        {
            await _runner.CommitAsync(Audit($"license-released:{licenseId:N}", Actor.System, $"licence {licenseId} ended"));
        }
    }

    /// <summary>Applies every passed deadline to the state; returns what the change owes (nothing if none passed).</summary>
    private IEnumerable<FollowUp> ApplyPassedDeadlines()
    {
        var today = Today;
        var applied = new List<string>();
        while (Lifecycle.PassedDeadline(today, LastDayOfTerm(), NextFee()) is { } deadline)
        {
            if (deadline == LegalStatusTrigger.GraceExpired)
            {
                // The lapse runs from the original due date; the notice is what opens the restoration window.
                State.LapsedFrom = NextFee()!.DueDate;
                State.LapseNoticeDate = today;
            }
            Lifecycle.ApplyDeadline(deadline);
            applied.Add(deadline.ToString());
        }
        if (applied.Count == 0)
        {
            return [];
        }
        var audit = Audit("deadline:" + string.Join("+", applied), Actor.System, $"{string.Join(", ", applied)} on {today:yyyy-MM-dd}");
        return PatentLifecycle.HasRunningDeadlines(State.LegalStatus) ? [audit] : [audit, new SetWakeup(WakeupKinds.Patent, Number, false)];
    }

    private async Task UpdateReminderAsync()
    {
        if (PatentLifecycle.HasRunningDeadlines(State.LegalStatus))
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }
        else if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private IEnumerable<ClaimedLicense> HeldClaims()
    {
        var now = Now;
        return State.LicenseClaims.Where(c => LicenseClaimRules.IsHeld(c, now));
    }

    private NextAnnualFee? NextFee() => AnnualFeeCalculator.NextFee(FeeSchedule.Default, BasicKind, Record.FilingDate, State.GrantDate, State.PaidFeeYears);

    private DateOnly LastDayOfTerm() => PatentTerm.LastDay(BasicKind, Record.FilingDate, State.TermAdjustmentDays);

    private void RequireOwner(Guid participantId)
    {
        if (Record.Owners.All(o => o.ParticipantId != participantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {participantId} does not own patent {Number}.");
        }
    }

    private async Task RequireParticipantAsync(Guid participantId, string field, string message) =>
        _ = await GrainFactory.GetGrain<IParticipantGrain>(participantId).TryGet() ?? throw new DomainException(DomainErrors.ParticipantNotFound, message, field);

    /// <summary>Owners whose small-entity status qualifies them for the fee reduction.</summary>
    private async Task<int> QualifyingOwnersAsync()
    {
        var qualifying = 0;
        foreach (var owner in Record.Owners)
        {
            qualifying += await GrainFactory.GetGrain<IParticipantGrain>(owner.ParticipantId).TryGet() is { IsSmallEntity: true } ? 1 : 0;
        }
        return qualifying;
    }

    private IAccountGrain Account(Guid participantId) => GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(participantId));

    // The entry id names the change: the state's version before it, so a retried command appends it once.
    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"patent:{Number}:{action}:{patent.Etag}", $"patent:{Number}", action, actor.ParticipantId, Now, details));

    private PatentSnapshot Snapshot()
    {
        var r = Record;
        var next = PatentLifecycle.OwesFees(State.LegalStatus) ? NextFee() : null;
        return new PatentSnapshot(Number, ApplicationNumber.Parse(Number).Kind, r.Title, r.Abstract, r.IpcClasses, r.FilingDate, State.GrantDate, LastDayOfTerm(),
            r.Owners, r.Inventors, State.LegalStatus, State.PaidFeeYears.ToArray(), next, State.LapsedFrom, State.LapseNoticeDate,
            State.Mandates.ToArray(), State.OpenListings.ToArray(), State.PendingTransfer, State.InvalidationDecision,
            HeldClaims().ToArray(), State.OpenLicense, State.InvalidatedOn);
    }
}
