using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Licenses;

/// <summary>
/// The licence: drafting, submission, consents, filing and its end (this file); its royalty cycle
/// (LicenseGrain.Royalties.cs); what other objects do to its rights (LicenseGrain.Rights.cs, <see cref="ILicenseRights"/>).
/// </summary>
[GrainType("license")]
internal sealed partial class LicenseGrain(
    [PersistentState(StateNames.License, StateNames.StorageProvider)] IPersistentState<LicenseState> license,
    FollowUpServices followUps)
    : Grain, ILicenseGrain, ILicenseRights, IFollowUpOwner, IFollowUpHost, IRemindable
{
    private static readonly DeadlineReminder Deadlines = new("license-expiry", TimeSpan.FromHours(24));
    private LicenseLifecycle _lifecycle = null!;
    private FollowUpRunner<LicenseState> _runner = null!;
    private bool _consentsComplete;

    /// <summary>A refusal a continuation met (a payment the ledger refused), for the command that asked for it to report.</summary>
    private DomainException? _refused;

    private const string Activate = "activate";

    private Guid Id => this.GetPrimaryKey();
    private LicenseState State => license.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private LicenseAgreement Agreement => State.Draft ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {Id} does not exist.");
    private bool NeedsConsents => LicenseFacts.NeedsConsents(Agreement);
    private LicenseClaim Claim => new(Id, Agreement.Terms.Type, State.Scope!);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Upgrade(Today))
        {
            await license.WriteStateAsync();
        }
        _runner = new FollowUpRunner<LicenseState>(this, license, followUps);
        _runner.Activated();
        // Who must consent are the patents' current owners, which only an async read can give: the grain compares
        // the consents with the owners it read just before, and the activation guard takes that answer.
        _lifecycle = new LicenseLifecycle(() => license.State.Status, s => license.State.Status = s, () => !NeedsConsents || _consentsComplete,
            () => license.State.EffectiveOn is not null, () => license.State.Scope is { } scope && scope.End > Today);
        if (State.Draft is not null && _lifecycle.HoldsScope)
        {
            await Deadlines.KeepAsync(this, running: true);
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
            await DraftAsync(await LicenseSubmission.AcceptedDealAsync(GrainFactory, listingId, offerId, start, licensee), origin, licensee);
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
            if (_lifecycle.AwaitsConsents && !NeedsConsents && State.ActivationRequestedBy is null)
            {
                // An ordinary licence whose activation was refused (its upfront fee could not be paid): try again.
                await ActivateAsync(actor, []);
            }
            return await SnapshotAsync();
        }
        await LicenseSubmission.ClaimAllAsync(GrainFactory, agreement.ApplicationNumbers, Claim);
        _lifecycle.Submit();
        State.SubmittedOn = Today;
        List<FollowUp> owed = [Audit("submitted", actor, "scope claimed on the patents"), new SetWakeup(WakeupKinds.License, Id.ToString("N"), true),
            .. agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Claim, InEffect: false))];
        await Deadlines.KeepAsync(this, running: true);
        if (NeedsConsents)
        {
            await _runner.CommitAsync(owed);
        }
        else
        {
            // An ordinary licence needs no consent (Patent Law Art. 14): it takes effect at once, against its upfront fee.
            await ActivateAsync(actor, owed);
        }
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
            await ActivateAsync(owner, owed);
        }
        else
        {
            await _runner.CommitAsync(owed);
        }
        return await SnapshotAsync();
    }

    public async Task<LicenseSnapshot> ObtainOpenLicense(string applicationNumber, DateOnly start, Actor licensee)
    {
        await _runner.ResumeAsync();
        var number = ApplicationNumber.Parse(applicationNumber).ToString();
        if (State.Draft is null)
        {
            await DraftAsync(await LicenseSubmission.OpenLicenseDraftAsync(GrainFactory, number, start, licensee), origin: null, licensee);
        }
        // Submitting claims the scope first, then activation collects the published upfront fee: notice and payment.
        return await Submit(licensee);
    }

    public async Task<LicenseSnapshot> FileRecord(string filingReference, Actor actor)
    {
        await _runner.ResumeAsync();
        var agreement = Agreement;
        var reference = Patents.PatentRules.Reference(filingReference, "filingReference", "filing reference");
        if (State.FiledOn is not null)
        {
            return await SnapshotAsync();
        }
        _lifecycle.EnsureMayFile();
        await LicenseSubmission.EnsureFilingAllowedAsync(GrainFactory, agreement.ApplicationNumbers);
        var deadline = LicensePeriods.FilingDeadline(State.EffectiveOn!.Value);
        State.FiledOn = Today;
        State.FilingReference = reference;
        await _runner.CommitAsync(Audit("filed", actor, $"filed as {reference}{(Today > deadline ? " (late)" : "")}"), new SetFilingDeadline(Id, deadline, Today));
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

    public Task ReceiveReminder(string reminderName, TickStatus status) => Deadlines.TickAsync(this, reminderName, async () =>
    {
        if (State.Draft is not null)
        {
            await CheckExpiry();
        }
        if (!(State.Draft is not null && _lifecycle.HoldsScope))
        {
            await Deadlines.StopAsync(this);
        }
    });

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
    /// The licence takes effect against its upfront fee. The request is written first, with <paramref name="owed"/>;
    /// the continuation then pays the fee (one posting named after the licence, so repeats pay it once) and activates
    /// the licence. A refused payment (funds, KYC) is reported to the caller and leaves the licence as it was.
    /// </summary>
    private async Task ActivateAsync(Actor actor, List<FollowUp> owed)
    {
        State.ActivationRequestedBy = actor.ParticipantId;
        await _runner.CommitAsync([.. owed, new ContinueLocally(Activate)]);
        if (_refused is { } refusal)
        {
            _refused = null;
            throw refusal;
        }
    }

    /// <summary>The activation's continuation: idempotent, whether it runs in the command or after a crash.</summary>
    private async Task CompleteActivationAsync()
    {
        if (State.ActivationRequestedBy is not { } requestedBy)
        {
            return;
        }
        var agreement = Agreement;
        var actor = new Actor(requestedBy, "");
        if (!_lifecycle.AwaitsConsents)
        {
            State.ActivationRequestedBy = null;
            await _runner.CommitAsync();
            return;
        }
        _consentsComplete = (await CurrentOwnersAsync()).All(State.Consents.Contains);
        try
        {
            if (agreement.Terms.UpfrontFee.Fen > 0)
            {
                await Payer().Distribute($"upfront-fee:{Id:N}", await RoyaltyRecipients.ResolveAsync(GrainFactory, agreement.ApplicationNumbers, agreement.Terms.UpfrontFee, State.RoyaltyAssignment),
                    $"upfront fee licence {Id:N}", new Actor(agreement.Licensee, "Licensee"));
            }
            _lifecycle.Activate();
        }
        catch (DomainException refusal)
        {
            State.ActivationRequestedBy = null;
            _refused = refusal;
            await _runner.CommitAsync(Audit($"activation-refused:{Now.UtcTicks}", actor, refusal.Message));
            return;
        }
        State.ActivationRequestedBy = null;
        State.EffectiveOn = Today;
        await _runner.CommitAsync([
            Audit("active", actor, "in effect"),
            .. agreement.ApplicationNumbers.Select(n => new ConfirmLicenseClaim(n, Claim, InEffect: true)),
            new SetFilingDeadline(Id, LicensePeriods.FilingDeadline(Today), null),
            Event(LicenseEventKind.Executed, "executed", agreement.Terms.UpfrontFee),
            .. State.Origin is { } origin ? [new TellListingOfExecution(origin.ListingId, origin.OfferId, Id)] : Array.Empty<FollowUp>(),
        ]);
    }

    /// <summary>Ends the licence: its scope is freed on every patent it still holds one on, and whoever follows it is told. False if it had ended already.</summary>
    private async Task<bool> EndAsync(LicenseTrigger how, Actor actor, string why)
    {
        var held = _lifecycle.HoldsScope;
        if (!_lifecycle.End(how))
        {
            return false;
        }
        State.EndReason = why;
        var action = how.ToString().ToLowerInvariant();
        await _runner.CommitAsync([
            Audit(action, actor, why),
            .. held ? Agreement.ApplicationNumbers.Where(n => !State.InvalidatedPatents.ContainsKey(n)).Select(FollowUp (n) => new ReleaseLicenseClaim(n, Id)) : [],
            Event(how == LicenseTrigger.Expire ? LicenseEventKind.Expired : LicenseEventKind.Terminated, action, Money.Zero),
            new SetWakeup(WakeupKinds.License, Id.ToString("N"), false)]);
        await Deadlines.StopAsync(this);
        return true;
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

    private async Task<LicenseSnapshot> SnapshotAsync() => LicenseFacts.Snapshot(Id, State, await CurrentOwnersAsync(), Today);
}
