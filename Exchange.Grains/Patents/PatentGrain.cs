using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Patents;

[GrainType("patent")]
internal sealed class PatentGrain(
    [PersistentState(StateNames.Patent, StateNames.StorageProvider)] IPersistentState<PatentState> patent,
    IExchangeStore store,
    TimeProvider clock)
    : Grain, IPatentGrain, IRemindable
{
    private const string DeadlineReminder = "legal-status-deadlines";
    private PatentLifecycle? _machine;

    private string Number => this.GetPrimaryKeyString();
    private RegisterPatent Registration => patent.State.Registration ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {Number} is not registered.");
    private PatentKind BasicKind => ApplicationNumber.Parse(Number).BasicKind;
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Built on first use: reads answer from the state, and most activations only read.</summary>
    private PatentLifecycle Lifecycle => _machine ??= new PatentLifecycle(() => patent.State.LegalStatus, s => patent.State.LegalStatus = s, () => patent.State.LapseNoticeDate);

    private LegalStatus Status => patent.State.LegalStatus;

    private bool IsInForce => PatentLifecycle.IsInForceStatus(Status);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reminders live in memory in the embedded mode: re-arm from durable state whenever the patent wakes up.
        if (patent.State.Registration is not null && Status is not (LegalStatus.Pending or LegalStatus.Invalidated or LegalStatus.Expired))
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }
    }

    public async Task<PatentSnapshot> Register(RegisterPatent command, Actor actor)
    {
        var (number, registration) = PatentRules.Validate(command);
        if (number.ToString() != Number)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Application {number} was sent to patent {Number}.", "applicationNumber");
        }
        if (patent.State.Registration is { } existing)
        {
            if (!SameRegistration(existing, registration))
            {
                throw new DomainException(DomainErrors.PatentAlreadyRegistered, $"Application {Number} is already registered with other details.");
            }
            return Snapshot();
        }
        foreach (var owner in registration.Owners)
        {
            _ = await GrainFactory.GetGrain<IParticipantGrain>(owner.ParticipantId).TryGet()
                ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Owner {owner.ParticipantId} is not a registered participant.", "owners");
        }
        foreach (var inventor in registration.Inventors.Where(i => i.ParticipantId is not null))
        {
            // Remuneration is paid into the inventor's account: it has to exist.
            _ = await GrainFactory.GetGrain<IParticipantGrain>(inventor.ParticipantId!.Value).TryGet()
                ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Inventor {inventor.Name}'s participant {inventor.ParticipantId} is not registered.", "inventors");
        }
        patent.State.Registration = registration;
        patent.State.LegalStatus = LegalStatus.Pending;
        await WriteAsync("registered", actor, $"{registration.Title}; owners {string.Join(", ", registration.Owners.Select(o => $"{o.ParticipantId} {o.ShareBasisPoints / 100m}%"))}");
        return Snapshot();
    }

    public Task<PatentSnapshot?> TryGet() => Task.FromResult(patent.State.Registration is null ? null : Snapshot());

    public async Task<PatentSnapshot> Grant(DateOnly grantDate, Actor actor)
    {
        var registration = Registration;
        if (grantDate < registration.FilingDate || grantDate > Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A grant date lies between the filing date {registration.FilingDate:yyyy-MM-dd} and today.", "grantDate");
        }
        if (patent.State.GrantDate == grantDate)
        {
            return Snapshot();
        }
        Lifecycle.Fire(LegalStatusTrigger.Grant);
        patent.State.GrantDate = grantDate;
        await WriteAsync("granted", actor, $"granted on {grantDate:yyyy-MM-dd}");
        await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        await store.SetWakeupAsync(WakeupKinds.Patent, Number, wake: true);
        return await CheckDeadlines();
    }

    public async Task<PatentSnapshot> PayAnnualFee(int patentYear, Guid payerParticipantId, Actor actor)
    {
        var registration = Registration;
        if (patent.State.PaidFeeYears.Contains(patentYear))
        {
            return Snapshot();
        }
        RequireOwner(registration, payerParticipantId);
        var next = NextFee() ?? throw new DomainException(DomainErrors.AnnualFeeNotDue, $"Patent {Number} ({Status}) owes no annual fee.");
        if (patentYear != next.PatentYear)
        {
            throw new DomainException(DomainErrors.AnnualFeeNotDue, $"The next annual fee of patent {Number} is for patent year {next.PatentYear}, not {patentYear}.", "patentYear");
        }
        if (!(IsInForce || Status == LegalStatus.GracePeriod))
        {
            throw new DomainException(DomainErrors.InvalidPatentTransition, $"Patent {Number} is {Status}; annual fees are paid while it is in force or in the grace period.");
        }

        var fee = AnnualFeeCalculator.Compute(FeeSchedule.Default, BasicKind, registration.FilingDate, patent.State.GrantDate!.Value,
            patentYear, await QualifyingOwnersAsync(), registration.Owners.Count, Today);

        // The posting id names the patent and year, so the fee is paid once however often or by whom it is retried.
        await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(payerParticipantId)).Withdraw(
            $"annual-fee:{Number}:{patentYear}", fee.Payable, $"annual fee ZL{Number} year {patentYear} (surcharge {fee.Surcharge})", actor);

        patent.State.PaidFeeYears.Add(patentYear);
        if (Status == LegalStatus.GracePeriod)
        {
            Lifecycle.Fire(LegalStatusTrigger.FeePaid);
        }
        await WriteAsync($"annual-fee-paid:{patentYear}", actor, $"{fee.Payable} paid by {payerParticipantId} ({fee.LateMonths} month(s) late)");
        return Snapshot();
    }

    public async Task<PatentSnapshot> Restore(Guid payerParticipantId, Actor actor)
    {
        var registration = Registration;
        RequireOwner(registration, payerParticipantId);
        if (!Lifecycle.CanRestore(Today))
        {
            Lifecycle.Restore(Today); // throws, naming the state or the closed window
        }
        var missed = NextFee()!;
        var payable = AnnualFeeCalculator.RestorationPayable(FeeSchedule.Default, BasicKind, registration.FilingDate, patent.State.GrantDate!.Value,
            missed.PatentYear, await QualifyingOwnersAsync(), registration.Owners.Count);
        await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(payerParticipantId)).Withdraw(
            $"restoration:{Number}:{missed.PatentYear}", payable, $"restoration of ZL{Number}: annual fee year {missed.PatentYear}, surcharge, request fee", actor);

        Lifecycle.Restore(Today);
        patent.State.PaidFeeYears.Add(missed.PatentYear);
        patent.State.LapsedFrom = null;
        await WriteAsync("restored", actor, $"restored on {Today:yyyy-MM-dd}; {payable} paid by {payerParticipantId}");
        await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        await store.SetWakeupAsync(WakeupKinds.Patent, Number, wake: true);
        return Snapshot();
    }

    public async Task<PatentSnapshot> GrantMandate(Guid ownerId, Guid agencyId, DateOnly validUntil, Actor actor)
    {
        var registration = Registration;
        RequireOwner(registration, ownerId);
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
        if (patent.State.Mandates.Contains(mandate))
        {
            return Snapshot();
        }
        patent.State.Mandates.RemoveAll(m => m.OwnerId == ownerId && m.AgencyId == agencyId);
        patent.State.Mandates.Add(mandate);
        await WriteAsync($"mandate:{ownerId:N}:{agencyId:N}", actor, $"owner {ownerId} mandates agency {agencyId} until {validUntil:yyyy-MM-dd}");
        return Snapshot();
    }

    public async Task ListingChanged(Guid listingId, bool open)
    {
        _ = Registration;
        if ((open ? patent.State.OpenListings.Add(listingId) : patent.State.OpenListings.Remove(listingId)))
        {
            await WriteAsync($"listing-{(open ? "opened" : "closed")}:{listingId:N}", Actor.System, $"listing {listingId}");
        }
    }

    public async Task<PatentSnapshot> Invalidate(string decisionReference, Actor actor)
    {
        _ = Registration;
        if (string.IsNullOrWhiteSpace(decisionReference) || decisionReference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The invalidation decision reference has 1–100 characters.", "decisionReference");
        }
        var before = Status;
        Lifecycle.Fire(LegalStatusTrigger.Invalidate);
        if (Status == before)
        {
            return Snapshot();
        }
        patent.State.InvalidationDecision = decisionReference.Trim();
        await WriteAsync("invalidated", actor, $"invalidated by decision {decisionReference} (was {before})");
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await store.SetWakeupAsync(WakeupKinds.Patent, Number, wake: false);
        return Snapshot();
    }

    public async Task ClaimLicense(Licenses.LicenseClaim claim)
    {
        _ = Registration;
        if (patent.State.LicenseClaims.Any(c => c.LicenseId == claim.LicenseId))
        {
            return;
        }
        if (!IsInForce)
        {
            throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {Number} is {Status}; no licence starts on it.");
        }
        if (claim.Type != Licenses.LicenseType.Ordinary && patent.State.PendingTransfer is { } pending)
        {
            throw new DomainException(DomainErrors.PatentTransferPending,
                $"Patent {Number} is being transferred (transfer {pending}); an exclusive or sole licence now would burden what the buyer is paying for.");
        }
        if (claim.Type != Licenses.LicenseType.Ordinary && patent.State.OpenLicense is not null)
        {
            throw new DomainException(DomainErrors.LicenseConflict, $"Patent {Number} is offered under an open licence; an exclusive or sole licence would take what it promises everyone.");
        }
        if (patent.State.LicenseClaims.FirstOrDefault(c => Licenses.ScopeRules.Conflicts(c.Type, c.Scope, claim.Type, claim.Scope)) is { } conflicting)
        {
            throw new DomainException(DomainErrors.LicenseConflict,
                $"The {claim.Type} licence's scope overlaps the {conflicting.Type} licence {conflicting.LicenseId} on patent {Number}.");
        }
        patent.State.LicenseClaims.Add(claim);
        await WriteAsync($"license-claimed:{claim.LicenseId:N}", Actor.System, $"{claim.Type} licence {claim.LicenseId} {claim.Scope.Start:yyyy-MM-dd}–{claim.Scope.End:yyyy-MM-dd}");
    }

    public async Task<PatentSnapshot> DeclareOpenLicense(Licenses.LicenseTerms terms, Actor owner)
    {
        var registration = Registration;
        RequireOwner(registration, owner.ParticipantId);
        var validated = Licenses.LicenseTerms.Validate(terms with { Type = Licenses.LicenseType.Ordinary }, "terms");
        if (patent.State.OpenLicense is { } existing && Licenses.LicenseTerms.Same(existing.Terms, validated))
        {
            return Snapshot();
        }
        if (!IsInForce)
        {
            throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {Number} is {Status}; only a patent in force is offered for licence.");
        }
        if (patent.State.LicenseClaims.FirstOrDefault(c => c.Type != Licenses.LicenseType.Ordinary) is { } exclusive)
        {
            throw new DomainException(DomainErrors.OpenLicenseRefused, $"Patent {Number} has the {exclusive.Type} licence {exclusive.LicenseId} in force.");
        }
        patent.State.OpenLicense = new Licenses.OpenLicenseDeclaration(validated, owner.ParticipantId, Today);
        await WriteAsync($"open-license-declared:{patent.Etag}", owner, $"open licence: {validated.RoyaltyRateBasisPoints / 100m}% royalty, {validated.UpfrontFee} upfront");
        return Snapshot();
    }

    public async Task<PatentSnapshot> WithdrawOpenLicense(Actor owner)
    {
        RequireOwner(Registration, owner.ParticipantId);
        if (patent.State.OpenLicense is not null)
        {
            patent.State.OpenLicense = null;
            await WriteAsync($"open-license-withdrawn:{patent.Etag}", owner, "open licence withdrawn; licences obtained under it stay in force");
        }
        return Snapshot();
    }

    private void RequireOwner(RegisterPatent registration, Guid participantId)
    {
        if (registration.Owners.All(o => o.ParticipantId != participantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {participantId} does not own patent {Number}.");
        }
    }

    public async Task ReleaseLicense(Guid licenseId)
    {
        if (patent.State.LicenseClaims.RemoveAll(c => c.LicenseId == licenseId) > 0)
        {
            await WriteAsync($"license-released:{licenseId:N}", Actor.System, $"licence {licenseId} ended");
        }
    }

    public async Task<PatentSnapshot> BeginTransfer(Guid transferId)
    {
        _ = Registration;
        if (patent.State.PendingTransfer == transferId)
        {
            return Snapshot();
        }
        if (patent.State.PendingTransfer is { } other)
        {
            throw new DomainException(DomainErrors.PatentTransferPending, $"Patent {Number} is already being transferred (transfer {other}).");
        }
        if (!IsInForce)
        {
            throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {Number} is {Status}; only a patent in force is transferred.");
        }
        patent.State.PendingTransfer = transferId;
        await WriteAsync($"transfer-begun:{transferId:N}", Actor.System, $"transfer {transferId} pending");
        return Snapshot();
    }

    public async Task AbandonTransfer(Guid transferId)
    {
        if (patent.State.PendingTransfer == transferId)
        {
            patent.State.PendingTransfer = null;
            await WriteAsync($"transfer-abandoned:{transferId:N}", Actor.System, $"transfer {transferId} cancelled");
        }
    }

    public async Task<PatentSnapshot> CompleteTransfer(Guid transferId, Guid buyerId)
    {
        var registration = Registration;
        if (patent.State.CompletedTransfers.Contains(transferId))
        {
            return Snapshot();
        }
        if (patent.State.PendingTransfer != transferId)
        {
            throw new DomainException(DomainErrors.InvalidPatentTransition, $"Transfer {transferId} is not the pending transfer of patent {Number}.");
        }
        // No status check here: the transfer checked it when the assignment was recorded, and a recorded
        // assignment has taken effect whatever happened to the patent since.
        var before = string.Join(", ", registration.Owners.Select(o => o.ParticipantId));
        patent.State.Registration = registration with { Owners = [new PatentOwner(buyerId, PatentRules.FullShare)] };
        patent.State.Mandates.Clear();
        // The old owner's open-licence offer does not bind the buyer; licences obtained under it survive.
        patent.State.OpenLicense = null;
        patent.State.PendingTransfer = null;
        patent.State.CompletedTransfers.Add(transferId);
        // The old owners' listings end with their ownership; the transfer process closes them after this returns.
        patent.State.OpenListings.Clear();
        await WriteAsync($"transferred:{transferId:N}", Actor.System, $"assigned from {before} to {buyerId} by transfer {transferId}");
        return Snapshot();
    }

    public async Task<PatentSnapshot> CheckDeadlines()
    {
        if (patent.State.Registration is null || patent.State.GrantDate is null)
        {
            return patent.State.Registration is null ? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {Number} is not registered.") : Snapshot();
        }
        var today = Today;
        var changes = new List<string>();
        while (NextDeadline(today) is { } trigger)
        {
            if (trigger == LegalStatusTrigger.GraceExpired)
            {
                // The lapse runs from the original due date; the notice is what opens the restoration window.
                patent.State.LapsedFrom = NextFee()!.DueDate;
                patent.State.LapseNoticeDate = today;
            }
            Lifecycle.Fire(trigger);
            changes.Add(trigger.ToString());
        }
        if (changes.Count > 0)
        {
            await WriteAsync("deadline:" + string.Join("+", changes), Actor.System, $"{string.Join(", ", changes)} on {today:yyyy-MM-dd}");
        }
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder)
        {
            await CheckDeadlines();
        }
    }

    private LegalStatusTrigger? NextDeadline(DateOnly today)
    {
        if (IsInForce || Status == LegalStatus.GracePeriod)
        {
            if (today > LastDayOfTerm())
            {
                return LegalStatusTrigger.TermEnded;
            }
            var next = NextFee();
            if (next is null)
            {
                return null;
            }
            if (IsInForce && today > next.DueDate)
            {
                return LegalStatusTrigger.FeeOverdue;
            }
            if (Status == LegalStatus.GracePeriod && today >= next.GraceEnds)
            {
                return LegalStatusTrigger.GraceExpired;
            }
        }
        return null;
    }

    /// <summary>
    /// The lowest unpaid fee year from the grant year to the end of the term. The grant year's fee is due at grant
    /// (paid with the grant formalities); every later year's on the anniversary of filing that starts it. After a
    /// restoration the missed fee is due on the restoration date.
    /// </summary>
    private NextAnnualFee? NextFee()
    {
        var registration = Registration;
        if (patent.State.GrantDate is not { } granted)
        {
            return null;
        }
        var firstYear = PatentTerm.PatentYear(registration.FilingDate, granted);
        var lastYear = PatentTerm.Years(BasicKind, registration.FilingDate);
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (patent.State.PaidFeeYears.Contains(year))
            {
                continue;
            }
            var due = AnnualFeeCalculator.DueDate(registration.FilingDate, granted, year);
            return new NextAnnualFee(year, due, due.AddMonths(AnnualFeeCalculator.GraceMonths), FeeSchedule.Default.FullAnnualFee(BasicKind, year));
        }
        return null;
    }

    /// <summary>Owners whose small-entity status qualifies them for the fee reduction.</summary>
    private async Task<int> QualifyingOwnersAsync()
    {
        var qualifying = 0;
        foreach (var owner in Registration.Owners)
        {
            var participant = await GrainFactory.GetGrain<IParticipantGrain>(owner.ParticipantId).TryGet();
            qualifying += participant is { IsSmallEntity: true } ? 1 : 0;
        }
        return qualifying;
    }

    private DateOnly LastDayOfTerm() => PatentTerm.LastDay(BasicKind, Registration.FilingDate, patent.State.TermAdjustmentDays);

    private Task WriteAsync(string action, Actor actor, string details) =>
        patent.WriteAndAuditAsync(this, store, $"patent:{Number}", $"patent:{Number}:{action}:{patent.Etag}", action, actor, clock.GetUtcNow(), details);

    private static bool SameRegistration(RegisterPatent a, RegisterPatent b) =>
        a.ApplicationNumber == b.ApplicationNumber && a.Title == b.Title && a.Abstract == b.Abstract && a.FilingDate == b.FilingDate
        && a.IpcClasses.SequenceEqual(b.IpcClasses) && a.Owners.SequenceEqual(b.Owners) && a.Inventors.SequenceEqual(b.Inventors);

    private PatentSnapshot Snapshot()
    {
        var r = Registration;
        var number = ApplicationNumber.Parse(Number);
        var next = IsInForce || Status == LegalStatus.GracePeriod ? NextFee() : null;
        return new PatentSnapshot(Number, number.Kind, r.Title, r.Abstract, r.IpcClasses, r.FilingDate, patent.State.GrantDate, LastDayOfTerm(),
            r.Owners, r.Inventors, Status, patent.State.PaidFeeYears.ToArray(), next, patent.State.LapsedFrom, patent.State.LapseNoticeDate,
            patent.State.Mandates.ToArray(), patent.State.OpenListings.ToArray(), patent.State.PendingTransfer, patent.State.InvalidationDecision,
            patent.State.LicenseClaims.ToArray(), patent.State.OpenLicense);
    }
}
