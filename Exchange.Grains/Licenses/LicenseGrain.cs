using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Licenses;

[GrainType("license")]
internal sealed class LicenseGrain(
    [PersistentState(StateNames.License, StateNames.StorageProvider)] IPersistentState<LicenseState> license,
    FollowUpServices followUps)
    : Grain, ILicenseGrain, ILicenseRights, IFollowUpOwner, IRemindable
{
    private const string DeadlineReminder = "license-expiry";
    private LicenseLifecycle _lifecycle = null!;
    private FollowUpRunner<LicenseState> _runner = null!;
    private bool _consentsComplete;

    private Guid Id => this.GetPrimaryKey();
    private LicenseState State => license.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private LicenseAgreement Agreement => State.Draft ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {Id} does not exist.");
    private bool NeedsConsents => Agreement.Terms.Type != LicenseType.Ordinary;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _runner = new FollowUpRunner<LicenseState>(this, license, followUps);
        _runner.Activated();
        // Who must consent are the patents' current owners, which only an async read can give: the grain compares
        // the consents with the owners it read just before, and the activation guard takes that answer.
        _lifecycle = new LicenseLifecycle(() => license.State.Status, s => license.State.Status = s, () => !NeedsConsents || _consentsComplete,
            () => license.State.EffectiveOn is not null, () => license.State.Scope is { } scope && scope.End > Today);
        if (State.Draft is not null && _lifecycle.HoldsScope)
        {
            await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public async Task<LicenseSnapshot?> TryGet() => State.Draft is null ? null : await SnapshotAsync();

    public async Task<LicenseSnapshot> Draft(DraftLicense draft, Actor actor)
    {
        await _runner.ResumeAsync();
        await DraftAsync(draft, origin: null, actor);
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> ExecuteAcceptedOffer(Guid listingId, Guid offerId, DateOnly start, Actor licensee)
    {
        await _runner.ResumeAsync();
        var origin = new LicenseOrigin(listingId, offerId);
        if (State.Draft is null)
        {
            var deal = await GrainFactory.GetGrain<IListingDeals>(listingId).AcceptedLicenseOffer(offerId)
                ?? throw new DomainException(DomainErrors.OfferNotFound, $"Listing {listingId} has no accepted licence offer {offerId} awaiting execution.");
            if (deal.Licensee != licensee.ParticipantId)
            {
                throw new DomainException(DomainErrors.Forbidden, $"Only licensee {deal.Licensee} executes the licence agreed on offer {offerId}.");
            }
            await DraftAsync(new DraftLicense(deal.ApplicationNumbers, deal.Licensee, deal.Terms, start), origin, licensee);
        }
        else if (RequireLicensee(licensee, "executes it") is var agreed && (State.Origin != origin || agreed.Start != start))
        {
            throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Licence {Id} was executed from another offer or for another start.");
        }
        return await Submit(licensee);
    }

    public async Task<LicenseSnapshot> Submit(Actor actor)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        if (!_lifecycle.IsDraft)
        {
            _lifecycle.Submit(); // ignored once submitted; refused once ended
            return await SnapshotAsync();
        }
        var claim = new LicenseClaim(Id, agreement.Terms.Type, State.Scope!);
        await LicenseSubmission.ClaimAllAsync(GrainFactory, agreement.ApplicationNumbers, claim);
        _lifecycle.Submit();
        State.SubmittedOn = Today;
        List<FollowUp> owed = [Audit("submitted", actor, "scope claimed on the patents"), new SetWakeup(WakeupKinds.License, Id.ToString("N"), true)];
        owed.AddRange(NeedsConsents
            ? agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Id, InEffect: false))
            : await ActivateAsync(actor));
        await _runner.CommitAsync(owed);
        await this.RegisterOrUpdateReminder(DeadlineReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> Consent(Actor owner)
    {
        await _runner.ResumeAsync();
        var owners = await CurrentOwnersAsync();
        if (!NeedsConsents || !owners.Contains(owner.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {owner.ParticipantId}'s consent is not needed for licence {Id}; its patents' owners are {string.Join(", ", owners)}.");
        }
        _lifecycle.EnsureMayConsent();
        if (!State.Consents.Add(owner.ParticipantId))
        {
            return await SnapshotAsync();
        }
        _consentsComplete = owners.All(State.Consents.Contains);
        List<FollowUp> owed = [Audit($"consent:{owner.ParticipantId:N}", owner, "co-owner consents")];
        if (_lifecycle.CanActivate)
        {
            owed.AddRange(await ActivateAsync(owner));
        }
        await _runner.CommitAsync(owed);
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> ObtainOpenLicense(string applicationNumber, DateOnly start, Actor licensee)
    {
        await _runner.ResumeAsync();
        var number = ApplicationNumber.Parse(applicationNumber).ToString();
        if (State.Draft is null)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");
            var declaration = patent.OpenLicense ?? throw new DomainException(DomainErrors.NoOpenLicense, $"Patent {number} is not offered under an open licence.");
            await DraftAsync(new DraftLicense([number], licensee.ParticipantId, declaration.Terms, start), origin: null, licensee);
        }
        // Submitting claims the scope first, then activation collects the published upfront fee: notice and payment.
        return await Submit(licensee);
    }

    public async Task<RoyaltyInvoice> ReportNetSales(int periodIndex, Money netSales, Actor licensee)
    {
        await _runner.ResumeAsync();
        var agreement = RequireLicensee(licensee, "reports net sales");
        if (State.Invoices.FirstOrDefault(i => i.PeriodIndex == periodIndex) is { } reported)
        {
            return reported.NetSales == netSales ? reported
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Period {periodIndex} of licence {Id} was reported at {reported.NetSales}, not {netSales}.");
        }
        _lifecycle.EnsureMayReport();
        var period = LicensePeriods.Ended(Id, agreement.Start, State.Scope!.End, agreement.Terms, periodIndex, Today);
        var share = LicensePeriods.ShareBefore(period, State.RightsEndedOn);
        if (share == 0m)
        {
            throw new DomainException(DomainErrors.RoyaltyNotDue, $"Period {periodIndex} of licence {Id} starts after its patents were declared invalid on {State.RightsEndedOn:yyyy-MM-dd}; no royalty is due for it.");
        }
        var royalty = RoyaltyRules.Due(netSales, agreement.Terms.RoyaltyRateBasisPoints, agreement.Terms.MinimumAnnualRoyalty, agreement.Terms.PaymentsPerYear, period.IndexInYear, share);
        var invoice = new RoyaltyInvoice(periodIndex, period.Start, period.End, netSales, royalty, period.DueDate, null, Money.Zero);
        State.Invoices.Add(invoice);
        await _runner.CommitAsync(Audit($"royalty-reported:{periodIndex}", licensee, $"net sales {netSales}, royalty {royalty} due {invoice.DueDate:yyyy-MM-dd}"),
            Event(LicenseEventKind.RoyaltyReported, $"reported:{periodIndex}", royalty));
        return invoice;
    }

    public async Task<RoyaltyInvoice> PayRoyalty(int periodIndex, Actor licensee)
    {
        await _runner.ResumeAsync();
        var agreement = RequireLicensee(licensee, "pays royalties");
        var index = State.Invoices.FindIndex(i => i.PeriodIndex == periodIndex);
        if (index < 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Period {periodIndex} of licence {Id} has not been reported.", "periodIndex");
        }
        var invoice = State.Invoices[index];
        if (invoice.PaidOn is not null)
        {
            return invoice;
        }
        if (!invoice.PaymentPending)
        {
            // Fix the amount before any money moves: a retry next month pays (and records) exactly this, not more.
            invoice = invoice with { LateInterest = LicensePeriods.LateInterest(invoice.Royalty, agreement.Terms.LateInterestBasisPointsPerMonth, invoice.DueDate, Today), PaymentPending = true };
            State.Invoices[index] = invoice;
            await _runner.CommitAsync(Audit($"royalty-payment-started:{periodIndex}", licensee, $"paying {invoice.Royalty + invoice.LateInterest}"));
        }
        var total = invoice.Royalty + invoice.LateInterest;
        if (total.Fen > 0)
        {
            // Straight from the licensee's account to every recipient in one balanced posting, whose id names the
            // licence and the period: a retry pays nothing twice, and no shared escrow account becomes a hot spot.
            var notEarning = State.InvalidatedPatents.Where(p => p.Value <= invoice.PeriodStart).Select(p => p.Key).ToHashSet();
            await Payer().Distribute($"royalty:{Id:N}:{periodIndex}",
                await RoyaltyRecipients.ResolveAsync(GrainFactory, agreement.ApplicationNumbers, total, State.RoyaltyAssignment, notEarning), $"royalty licence {Id:N} period {periodIndex}", licensee);
        }
        State.Invoices[index] = invoice with { PaidOn = Today, PaymentPending = false };
        // Paid and, when that was the last arrear, cured: in the same write, so a payment never leaves the licence suspended.
        var cured = !LicenseDefaults.HasDefault(State.Invoices, Today) && _lifecycle.CureIfSuspended();
        await _runner.CommitAsync([
            Audit($"royalty-paid:{periodIndex}", licensee, $"{total} paid ({invoice.LateInterest} late interest) and distributed{(cured ? "; arrears paid, licence active again" : "")}"),
            Event(LicenseEventKind.RoyaltyPaid, $"paid:{periodIndex}", total),
            Event(LicenseEventKind.RoyaltyDistributed, $"distributed:{periodIndex}", total)]);
        return State.Invoices[index];
    }

    public async Task<LicenseSnapshot> FileRecord(string filingReference, Actor actor)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        if (string.IsNullOrWhiteSpace(filingReference) || filingReference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The filing reference has 1–100 characters.", "filingReference");
        }
        if (State.FiledOn is not null)
        {
            return await SnapshotAsync();
        }
        _lifecycle.EnsureMayFile();
        foreach (var number in agreement.ApplicationNumbers)
        {
            // The patent's status is its grain's to tell: read from its snapshot.
            if (await GrainFactory.GetGrain<IPatentGrain>(number).TryGet() is { } patent && PatentLifecycle.BlocksFiling(patent.LegalStatus))
            {
                throw new DomainException(DomainErrors.FilingRefused, $"Patent {number} has an annual fee in its grace period; the filing is refused until it is paid.");
            }
        }
        var deadline = LicensePeriods.FilingDeadline(State.EffectiveOn!.Value);
        State.FiledOn = Today;
        State.FilingReference = filingReference.Trim();
        await _runner.CommitAsync(Audit("filed", actor, $"filed as {filingReference}{(Today > deadline ? " (late)" : "")}"), new SetFilingDeadline(Id, deadline, Today));
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> Terminate(Actor actor)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        if (actor != Actor.System && actor.ParticipantId != agreement.Licensee && !(await CurrentOwnersAsync()).Contains(actor.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not a party to licence {Id} (its licensee or its patents' current owners).");
        }
        await EndAsync(LicenseTrigger.Terminate, actor, "terminated by a party");
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> CheckExpiry()
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (_lifecycle.IsActive && LicenseDefaults.HasDefault(State.Invoices, Today) && _lifecycle.Suspend())
        {
            await _runner.CommitAsync(Audit($"suspended:{Today:yyyyMMdd}", Actor.System, $"royalty unpaid {LicensePeriods.DefaultGraceDays} days past its due date"),
                Event(LicenseEventKind.Suspended, $"suspended:{Today:yyyyMMdd}", Money.Zero));
        }
        if (_lifecycle.AwaitsConsents && State.SubmittedOn is { } submitted && Today > LicensePeriods.ConsentDeadline(submitted))
        {
            await EndAsync(LicenseTrigger.Expire, Actor.System, $"consents not all given by {LicensePeriods.ConsentDeadline(submitted):yyyy-MM-dd}");
        }
        if (_lifecycle.HoldsScope && State.Scope!.End <= Today)
        {
            await EndAsync(LicenseTrigger.Expire, Actor.System, $"term ended {State.Scope.End:yyyy-MM-dd}");
        }
        return await SnapshotAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder && State.Draft is not null)
        {
            await CheckExpiry();
        }
    }

    public async Task PatentInvalidated(string applicationNumber, DateOnly invalidatedOn)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        if (!State.InvalidatedPatents.TryAdd(applicationNumber, invalidatedOn))
        {
            return;
        }
        if (agreement.ApplicationNumbers.All(State.InvalidatedPatents.ContainsKey))
        {
            // No patent left: the licence has nothing to license (Patent Law Art. 47); royalties stop from that day.
            State.RightsEndedOn = invalidatedOn;
            await EndAsync(LicenseTrigger.Terminate, Actor.System, $"every licensed patent was declared invalid, the last ({applicationNumber}) on {invalidatedOn:yyyy-MM-dd}");
            return;
        }
        await _runner.CommitAsync(Audit($"patent-invalidated:{applicationNumber}", Actor.System, $"patent {applicationNumber} declared invalid on {invalidatedOn:yyyy-MM-dd}; it earns no royalty after that day"));
    }

    public async Task<LicenseSnapshot> AssignRoyalties(RoyaltyAssignment assignment, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (State.RoyaltyAssignment == assignment)
        {
            return await SnapshotAsync();
        }
        if (State.RoyaltyAssignment is { } current)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id}'s royalties already go to {current.AccountId} ({current.Reason}); end that first.");
        }
        State.RoyaltyAssignment = RoyaltyAssignment.Validate(assignment);
        await _runner.CommitAsync(Audit($"royalties-assigned:{assignment.AccountId}:{Now.UtcTicks}", actor, $"royalties to {assignment.AccountId} ({assignment.Reason})"));
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> EndRoyaltyAssignment(Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Agreement;
        if (State.RoyaltyAssignment is { } current)
        {
            State.RoyaltyAssignment = null;
            await _runner.CommitAsync(Audit($"royalties-unassigned:{current.AccountId}:{Now.UtcTicks}", actor, $"royalties back to the owners from {current.AccountId}"));
        }
        return await SnapshotAsync();
    }

    private async Task DraftAsync(DraftLicense draft, LicenseOrigin? origin, Actor actor)
    {
        if (State.Draft is { } existing)
        {
            if (!existing.Matches(draft))
            {
                throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Licence {Id} was drafted with other terms.");
            }
            return;
        }
        var (agreement, scope, ipcSubclass) = await LicenseSubmission.ValidateDraftAsync(GrainFactory, draft, Today);
        State.Draft = agreement;
        State.Origin = origin;
        State.Scope = scope;
        State.IpcSubclass = ipcSubclass;
        State.Status = LicenseStatus.Draft;
        await _runner.CommitAsync(Audit("drafted", actor, $"{agreement.Terms.Type} licence of {string.Join(", ", agreement.ApplicationNumbers)} to {agreement.Licensee}"));
    }

    /// <summary>
    /// The licence takes effect against its upfront fee, paid from the licensee to the owners (and inventors) in one
    /// posting named after the licence, so repeated activations pay it once. Returns what taking effect owes.
    /// </summary>
    private async Task<IEnumerable<FollowUp>> ActivateAsync(Actor actor)
    {
        var agreement = Agreement;
        if (agreement.Terms.UpfrontFee.Fen > 0)
        {
            await Payer().Distribute($"upfront-fee:{Id:N}", await RoyaltyRecipients.ResolveAsync(GrainFactory, agreement.ApplicationNumbers, agreement.Terms.UpfrontFee, State.RoyaltyAssignment, new HashSet<string>()),
                $"upfront fee licence {Id:N}", new Actor(agreement.Licensee, "Licensee"));
        }
        _lifecycle.Activate();
        State.EffectiveOn = Today;
        return [
            Audit("active", actor, "in effect"),
            .. agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Id, InEffect: true)),
            new SetFilingDeadline(Id, LicensePeriods.FilingDeadline(Today), null),
            Event(LicenseEventKind.Executed, "executed", agreement.Terms.UpfrontFee),
            .. State.Origin is { } origin ? [new TellListingOfExecution(origin.ListingId, origin.OfferId, Id)] : Array.Empty<FollowUp>(),
        ];
    }

    /// <summary>Ends the licence: its scope is freed on every patent it still holds one on, and whoever follows it is told.</summary>
    private async Task EndAsync(LicenseTrigger how, Actor actor, string why)
    {
        var held = _lifecycle.HoldsScope;
        if (!_lifecycle.End(how))
        {
            return;
        }
        State.EndReason = why;
        var action = how.ToString().ToLowerInvariant();
        await _runner.CommitAsync([
            Audit(action, actor, why),
            .. held ? Agreement.ApplicationNumbers.Where(n => !State.InvalidatedPatents.ContainsKey(n)).Select(FollowUp (n) => new ReleaseLicenseClaim(n, Id)) : [],
            Event(how == LicenseTrigger.Expire ? LicenseEventKind.Expired : LicenseEventKind.Terminated, action, Money.Zero),
            new SetWakeup(WakeupKinds.License, Id.ToString("N"), false)]);
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private LicenseAgreement RequireLicensee(Actor actor, string what)
    {
        var agreement = Agreement;
        return actor.ParticipantId == agreement.Licensee ? agreement
            : throw new DomainException(DomainErrors.Forbidden, $"Only the licensee {what} under licence {Id}.");
    }

    private Task<IReadOnlyList<Guid>> CurrentOwnersAsync() => RoyaltyRecipients.CurrentOwnersAsync(GrainFactory, Agreement.ApplicationNumbers);

    private IAccountGrain Payer() => GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(Agreement.Licensee));

    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"license:{Id:N}:{action}", $"license:{Id:N}", action, actor.ParticipantId, Now, details));

    /// <summary>An event of the licence; its id names the licence and the change, so consumers can de-duplicate.</summary>
    private PublishEvent Event(LicenseEventKind kind, string change, Money amount) =>
        new(new LicenseEvent($"license:{Id:N}:{change}", Id, kind, Now, amount, Agreement.ApplicationNumbers[0], State.IpcSubclass));

    private async Task<LicenseSnapshot> SnapshotAsync()
    {
        var a = Agreement;
        var owners = await CurrentOwnersAsync();
        var deadline = State.EffectiveOn is { } effective ? LicensePeriods.FilingDeadline(effective) : (DateOnly?)null;
        return new LicenseSnapshot(Id, a.ApplicationNumbers, owners, a.Licensee, a.Terms, State.Scope!, State.Status,
            NeedsConsents ? owners : [], State.Consents.ToArray(), State.Invoices.ToArray(), State.EffectiveOn, deadline,
            State.FiledOn, State.FilingReference, State.FiledOn is null && deadline is { } d && Today > d, State.RoyaltyAssignment,
            State.EndReason, State.RightsEndedOn, [.. State.InvalidatedPatents.Keys]);
    }
}
