using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Events;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.PatentTransfers;

[GrainType("patent-transfer")]
internal sealed class PatentTransferGrain(
    [PersistentState(StateNames.PatentTransfer, StateNames.StorageProvider)] IPersistentState<PatentTransferState> transfer,
    FollowUpServices followUps,
    IOptions<PatentTransferOptions> options)
    : Grain, IPatentTransferGrain, IPatentTransferControl, IFollowUpOwner, IFollowUpHost, IRemindable
{
    private static readonly DeadlineReminder Deadline = new("patent-transfer-deadline", TimeSpan.FromHours(24));
    private const string Settled = "settled";
    private PatentTransferLifecycle _lifecycle = null!;
    private FollowUpRunner<PatentTransferState> _runner = null!;

    private Guid Id => this.GetPrimaryKey();
    private PatentTransferState State => transfer.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private PatentSale Sale => State.Proposal ?? throw new DomainException(DomainErrors.PatentTransferNotFound, $"Patent transfer {Id} does not exist.");
    private DateOnly RecordingDeadline => State.ProposedOn!.Value.AddDays(options.Value.RecordWithinDays);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new PatentTransferLifecycle(() => transfer.State.Status, s => transfer.State.Status = s,
            () => !transfer.State.BuyerIsForeign || !string.IsNullOrWhiteSpace(transfer.State.ExportApprovalReference), $"Patent transfer {Id}");
        if (State.Upgrade(Today))
        {
            await transfer.WriteStateAsync();
        }
        _runner = new FollowUpRunner<PatentTransferState>(this, transfer, followUps, () => PatentTransferEntry.Of(Id, State));
        if (State.Proposal is not null && _lifecycle.AwaitsSettlement && State.Outbox.Pending.Count == 0)
        {
            // A version-1 row whose settlement a crash interrupted: owe it again, as this version records it.
            State.Outbox.Pending.AddRange(SettlementFollowUps(State.ListingsToClose ?? []));
        }
        _runner.Activated();
        if (State.Proposal is not null && _lifecycle.IsOpen)
        {
            await Deadline.KeepAsync(this, running: true);
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<PatentTransferSnapshot?> TryGet() => Task.FromResult(State.Proposal is null ? null : Snapshot());

    public async Task<PatentTransferSnapshot> Propose(ProposePatentTransfer proposal, Actor actor)
    {
        await _runner.ResumeAsync();
        var number = ApplicationNumber.Parse(proposal.ApplicationNumber).ToString();
        if (State.Proposal is { } existing)
        {
            return existing.Matches(proposal, number) ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Patent transfer {Id} was proposed with other terms.");
        }
        if (proposal.Price.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, "A patent is sold for a positive price.", "price");
        }
        var buyer = await GrainFactory.GetGrain<IParticipantGrain>(proposal.BuyerId).TryGet()
            ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Buyer {proposal.BuyerId} is not registered.", "buyerId");
        if (!buyer.MayMoveMoney)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"Buyer {proposal.BuyerId} is {KycLifecycle.Describe(buyer.KycStatus)}; only a KYC-verified participant buys a patent.");
        }
        var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet() ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");
        if (patent.Owners.Any(o => o.ParticipantId == proposal.BuyerId))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {proposal.BuyerId} already owns patent {number}.", "buyerId");
        }
        // Claims the patent: refuses a patent not in force, a second concurrent transfer, a licence awaiting consents.
        var claim = GrainFactory.GetGrain<IPatentEncumbrances>(number).BeginTransfer(Id, proposal.BuyerId, proposal.Price);
        patent = await claim.RecordedAsync() ? claim.Result : (await GrainFactory.GetGrain<IPatentGrain>(number).TryGet())!;

        State.Proposal = PatentSale.From(proposal, number);
        State.Sellers = [.. patent.Owners];
        State.BuyerIsForeign = !buyer.IsDomestic;
        State.SellerProceeds = [.. Allocation.ByLargestRemainder(proposal.Price, patent.Owners.Select(o => (decimal)o.ShareBasisPoints).ToArray())];
        // Sold with the pledgee's consent: the price goes to the pledge, which repays the loan early or holds it (Civil Code Art. 444).
        State.PledgeId = PledgeHoldRules.IsHeld(patent.Pledge, Now) ? patent.Pledge!.PledgeId : null;
        State.Status = PatentTransferStatus.Proposed;
        State.ProposedOn = Today;
        await Deadline.KeepAsync(this, running: true);
        await _runner.CommitAsync(Audit("proposed", actor, $"patent {number} to {proposal.BuyerId} for {proposal.Price}; to be recorded by {RecordingDeadline:yyyy-MM-dd}"),
            new ConfirmTransferClaim(number, Id, proposal.BuyerId, proposal.Price), new SetWakeup(WakeupKinds.PatentTransfer, Id.ToString("N"), true));
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> Consent(Actor owner)
    {
        await _runner.ResumeAsync();
        _ = Sale;
        if (State.Sellers.All(s => s.ParticipantId != owner.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {owner.ParticipantId} is not an owner of the patent being transferred.");
        }
        if (State.Consents.Contains(owner.ParticipantId))
        {
            return Snapshot();
        }
        _lifecycle.EnsureMayConsent();
        State.Consents.Add(owner.ParticipantId);
        if (State.Sellers.All(s => State.Consents.Contains(s.ParticipantId)))
        {
            _lifecycle.AllConsented();
        }
        await _runner.CommitAsync(Audit($"consent:{owner.ParticipantId:N}", owner, "owner consents"));
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> FileExportApproval(string reference, Actor buyer)
    {
        await _runner.ResumeAsync();
        RequireBuyer(buyer, "files its technology-export approval");
        var approval = PatentRules.Reference(reference, "reference", "approval reference");
        if (State.ExportApprovalReference != approval)
        {
            State.ExportApprovalReference = approval;
            await _runner.CommitAsync(Audit("export-approval", buyer, $"technology-export approval {reference}"));
        }
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> EscrowFunds(Actor buyer)
    {
        await _runner.ResumeAsync();
        var sale = RequireBuyer(buyer, "puts its funds into escrow");
        if (_lifecycle.IsEscrowed)
        {
            return Snapshot();
        }
        _lifecycle.EnsureMayEscrow();
        // Whatever an earlier attempt left reserved (it failed, or the silo died under it) goes back first.
        await EscrowHolds.ReleaseAllAsync(GrainFactory, Id, State.Sellers, State.EscrowAttempt);
        State.EscrowAttempt++;
        await _runner.CommitAsync(Audit($"escrow-attempt:{State.EscrowAttempt}", buyer, $"escrow attempt {State.EscrowAttempt}"));
        var requests = State.Sellers.Select((seller, i) => (EscrowHolds.IdOf(Id, State.EscrowAttempt, seller.ParticipantId), new TransferRequest(sale.BuyerId,
            State.PledgeId is { } pledge ? AccountId.ForPledgeProceeds(pledge) : AccountId.ForParticipant(seller.ParticipantId), State.SellerProceeds[i], TransferMode.Hold, $"escrow for patent {sale.ApplicationNumber}", $"patent-transfer:{Id:N}", $"patent-transfer:{Id:N}"))).ToList();
        await EscrowHolds.ReserveAllAsync(GrainFactory, Id, sale.ApplicationNumber, State.Sellers, State.EscrowAttempt, requests, buyer);
        _lifecycle.Escrowed();
        await _runner.CommitAsync(Audit("escrowed", buyer, $"{sale.Price} in escrow"));
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> Record(string registrationReference, Actor actor)
    {
        await _runner.ResumeAsync();
        var sale = Sale;
        var registration = PatentRules.Reference(registrationReference, "registrationReference", "registration reference");
        if (_lifecycle.IsOpen)
        {
            // The patent's status is its grain's to tell: read from its snapshot, which also lists the listings to close.
            var patent = await GrainFactory.GetGrain<IPatentGrain>(sale.ApplicationNumber).TryGet();
            if (patent is not { IsInForce: true })
            {
                throw new DomainException(DomainErrors.PatentNotInForce,
                    $"Patent {sale.ApplicationNumber} is {patent?.LegalStatus.ToString() ?? "gone"}; the assignment cannot be recorded. Cancel the transfer to release the escrow.");
            }
            if (_lifecycle.Record())
            {
                State.RegistrationReference = registration;
                // The assignment first (recorded with the patent office, it has taken effect), then the sellers'
                // money, then the old owners' listings, then the sale is settled: each owed until done.
                await _runner.CommitAsync([Audit("recorded", actor, $"registered with the patent office as {registration}"), .. SettlementFollowUps(patent.OpenListings)]);
            }
        }
        else
        {
            _lifecycle.Record(); // refuses unless already recorded
        }
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> Cancel(Actor actor)
    {
        await _runner.ResumeAsync();
        var sale = Sale;
        var party = actor.ParticipantId == sale.BuyerId || State.Sellers.Any(s => s.ParticipantId == actor.ParticipantId)
            || actor.IsOperator();
        if (!party)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not a party to patent transfer {Id}.");
        }
        await CancelAsync(actor, "cancelled by a party");
        return Snapshot();
    }

    /// <summary>Total, as a follow-up's receiver must be: a transfer that no longer exists or is already recorded stays as it is.</summary>
    public async Task CancelBecause(string reason)
    {
        await _runner.ResumeAsync();
        if (State.Proposal is not null && _lifecycle.IsOpen)
        {
            await CancelAsync(Actor.System, reason);
        }
    }

    public async Task<PatentTransferSnapshot> CheckDeadline()
    {
        await _runner.ResumeAsync();
        _ = Sale;
        if (_lifecycle.IsOpen && Today > RecordingDeadline)
        {
            await CancelAsync(Actor.System, $"not recorded with the patent office by {RecordingDeadline:yyyy-MM-dd}");
        }
        return Snapshot();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Deadline.TickAsync(this, reminderName, async () =>
    {
        if (State.Proposal is not null)
        {
            await CheckDeadline();
        }
        if (!(State.Proposal is not null && _lifecycle.IsOpen))
        {
            await Deadline.StopAsync(this);
        }
    });

    /// <summary>The settlement's last step: every seller paid and the patent assigned, the sale is settled and a deal.</summary>
    public async Task ContinueAsync(string step)
    {
        if (step == ConfirmTransferClaim.ClaimLost)
        {
            await CancelAsync(Actor.System, "its claim on the patent lapsed before it was confirmed, and another transfer holds the patent now");
            return;
        }
        if (step == Settled && _lifecycle.Settle())
        {
            var sale = Sale;
            var patent = await GrainFactory.GetGrain<IPatentGrain>(sale.ApplicationNumber).TryGet();
            await _runner.CommitAsync(Audit("settled", Actor.System, $"sellers paid {sale.Price}; patent assigned to {sale.BuyerId}"),
                Event(PatentTransferEventKind.Settled, Navigation.MarketStatistics.Subclass(patent!.IpcClasses[0])),
                new SetWakeup(WakeupKinds.PatentTransfer, Id.ToString("N"), false));
            await Deadline.StopAsync(this);
        }
    }

    private async Task CancelAsync(Actor actor, string why)
    {
        var wasEscrowed = _lifecycle.IsEscrowed;
        if (!_lifecycle.Cancel())
        {
            return;
        }
        State.CancelReason = why;
        var sale = Sale;
        await _runner.CommitAsync([
            Audit("cancelled", actor, wasEscrowed ? $"{why}; escrow released" : why),
            .. EscrowHolds.AllIds(Id, State.Sellers, State.EscrowAttempt).Select(h => new ReleaseEscrow(h)),
            new AbandonPatentTransfer(sale.ApplicationNumber, Id),
            Event(PatentTransferEventKind.Cancelled, ""),
            new SetWakeup(WakeupKinds.PatentTransfer, Id.ToString("N"), false)]);
        await Deadline.StopAsync(this);
    }

    private IEnumerable<FollowUp> SettlementFollowUps(IEnumerable<Guid> listingsToClose) => [
        new CompleteAssignment(Sale.ApplicationNumber, Id, Sale.BuyerId),
        .. State.PledgeId is { } pledge
            // Sold with the pledgee's consent: as each seller's share reaches the pledge's account, the pledge applies it as its pledgee chose.
            ? State.Sellers.Select(FollowUp (s, i) => new SettleEscrowToPledge(EscrowHolds.IdOf(Id, State.EscrowAttempt, s.ParticipantId),
                new Pledges.ReceivePledgeProceeds(pledge, new Pledges.PledgeProceeds($"patent-transfer:{Id:N}:{s.ParticipantId:N}", State.SellerProceeds[i],
                    new PledgeeConsent(DisposalKind.Transfer, Sale.BuyerId, ApplicationNumber: Sale.ApplicationNumber),
                    [new Pledges.SurplusShare(s.ParticipantId, 1)], Sale.ApplicationNumber))))
            : State.Sellers.Select(FollowUp (s) => new SettleEscrow(EscrowHolds.IdOf(Id, State.EscrowAttempt, s.ParticipantId))),
        // The old owners' listings end with their ownership; the patent already forgot them.
        .. listingsToClose.Select(l => new Listings.CloseListingForPatent(l, Sale.ApplicationNumber, $"patent {Sale.ApplicationNumber} was assigned to a new owner")),
        new ContinueLocally(Settled),
    ];

    private PatentSale RequireBuyer(Actor buyer, string what)
    {
        var sale = Sale;
        return buyer.ParticipantId == sale.BuyerId ? sale : throw new DomainException(DomainErrors.Forbidden, $"Only the buyer {what}.");
    }

    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"patent-transfer:{Id:N}:{action}", $"patent-transfer:{Id:N}", action, actor.ParticipantId, Now, details));

    private PublishEvent Event(PatentTransferEventKind kind, string ipcSubclass) =>
        new(new PatentTransferEvent($"patent-transfer:{Id:N}:{kind.ToString().ToLowerInvariant()}", Id, kind, Now, Sale.Price, Sale.ApplicationNumber, ipcSubclass));

    private PatentTransferSnapshot Snapshot()
    {
        var p = Sale;
        return new PatentTransferSnapshot(Id, p.ApplicationNumber, p.BuyerId, State.Sellers, p.Price, State.Status, State.Consents.ToArray(),
            State.ExportApprovalReference, State.RegistrationReference, State.SellerProceeds, RecordingDeadline, State.CancelReason, State.PledgeId);
    }
}
