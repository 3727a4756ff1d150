using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Licenses;

/// <summary>
/// The licence: drafting, filing and its end (this file); submission, consents and activation
/// (LicenseGrain.Activation.cs); its royalty cycle
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
    private LicenseClaim Claim => new(Id, Agreement.Terms.Type, State.Scope!, Agreement.Licensee);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Upgrade(Today))
        {
            await license.WriteStateAsync();
        }
        _runner = new FollowUpRunner<LicenseState>(this, license, followUps, () => LicenseEntry.Of(Id, State));
        _runner.Activated();
        // Who must consent are the patents' current owners, which only an async read can give: the grain compares
        // the consents with the owners it read just before, and the activation guard takes that answer.
        _lifecycle = new LicenseLifecycle(() => license.State.Status, s => license.State.Status = s, () => !NeedsConsents || _consentsComplete,
            () => license.State.EffectiveOn is not null, () => license.State.Scope is { } scope && scope.End > Today, $"Licence {Id}");
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
        await LicenseSubmission.EnsureFilingAllowedAsync(GrainFactory, agreement.ApplicationNumbers, Id, Now);
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
