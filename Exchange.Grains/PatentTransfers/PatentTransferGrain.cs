using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Storage;

namespace Exchange.Grains.PatentTransfers;

[GrainType("patent-transfer")]
internal sealed class PatentTransferGrain(
    [PersistentState(StateNames.PatentTransfer, StateNames.StorageProvider)] IPersistentState<PatentTransferState> transfer,
    IExchangeStore store,
    TimeProvider clock)
    : Grain, IPatentTransferGrain, IRemindable
{
    private const string SettlementReminder = "patent-transfer-settlement";
    private PatentTransferLifecycle _lifecycle = null!;

    private Guid Id => this.GetPrimaryKey();
    private ProposePatentTransfer Proposal => transfer.State.Proposal ?? throw new DomainException(DomainErrors.PatentTransferNotFound, $"Patent transfer {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new PatentTransferLifecycle(() => transfer.State.Status, s => transfer.State.Status = s,
            () => !transfer.State.BuyerIsForeign || !string.IsNullOrWhiteSpace(transfer.State.ExportApprovalReference));
        if (transfer.State.Status == PatentTransferStatus.Recorded)
        {
            // Recorded but not settled: a crash came between the two; the reminder finishes it.
            await this.RegisterOrUpdateReminder(SettlementReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        }
    }

    public async Task<PatentTransferSnapshot> Propose(ProposePatentTransfer proposal, Actor actor)
    {
        var number = ApplicationNumber.Parse(proposal.ApplicationNumber).ToString();
        if (transfer.State.Proposal is { } existing)
        {
            return existing == proposal with { ApplicationNumber = number }
                ? Snapshot()
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
            throw new DomainException(DomainErrors.KycNotVerified, $"Buyer {proposal.BuyerId} has KYC status {buyer.KycStatus}.");
        }
        var patentGrain = GrainFactory.GetGrain<IPatentGrain>(number);
        var patent = await patentGrain.TryGet() ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");
        if (patent.Owners.Any(o => o.ParticipantId == proposal.BuyerId))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {proposal.BuyerId} already owns patent {number}.", "buyerId");
        }
        // Claims the patent: refuses a lapsed or expired patent, and a second concurrent transfer.
        patent = await patentGrain.BeginTransfer(Id);

        transfer.State.Proposal = proposal with { ApplicationNumber = number };
        transfer.State.Sellers = [.. patent.Owners];
        transfer.State.BuyerIsForeign = !buyer.IsDomestic;
        transfer.State.SellerProceeds = [.. Allocation.ByLargestRemainder(proposal.Price, patent.Owners.Select(o => (decimal)o.ShareBasisPoints).ToArray())];
        transfer.State.Status = PatentTransferStatus.Proposed;
        await WriteAsync("proposed", actor, $"patent {number} to {proposal.BuyerId} for {proposal.Price}");
        return Snapshot();
    }

    public Task<PatentTransferSnapshot?> TryGet() => Task.FromResult(transfer.State.Proposal is null ? null : Snapshot());

    public async Task<PatentTransferSnapshot> Consent(Actor owner)
    {
        _ = Proposal;
        if (transfer.State.Sellers.All(s => s.ParticipantId != owner.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {owner.ParticipantId} is not an owner of the patent being transferred.");
        }
        if (transfer.State.Consents.Contains(owner.ParticipantId))
        {
            return Snapshot();
        }
        if (_lifecycle.Status != PatentTransferStatus.Proposed)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Patent transfer {Id} is {_lifecycle.Status}; consents are given while it is proposed.");
        }
        transfer.State.Consents.Add(owner.ParticipantId);
        if (transfer.State.Sellers.All(s => transfer.State.Consents.Contains(s.ParticipantId)))
        {
            _lifecycle.Fire(PatentTransferTrigger.AllConsented);
        }
        await WriteAsync($"consent:{owner.ParticipantId:N}", owner, "owner consents");
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> FileExportApproval(string reference, Actor buyer)
    {
        var proposal = Proposal;
        if (buyer.ParticipantId != proposal.BuyerId)
        {
            throw new DomainException(DomainErrors.Forbidden, "Only the buyer files its technology-export approval.");
        }
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The approval reference has 1–100 characters.", "reference");
        }
        if (transfer.State.ExportApprovalReference == reference)
        {
            return Snapshot();
        }
        transfer.State.ExportApprovalReference = reference.Trim();
        await WriteAsync("export-approval", buyer, $"technology-export approval {reference}");
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> EscrowFunds(Actor buyer)
    {
        var proposal = Proposal;
        if (buyer.ParticipantId != proposal.BuyerId)
        {
            throw new DomainException(DomainErrors.Forbidden, "Only the buyer puts its funds into escrow.");
        }
        if (_lifecycle.Status is PatentTransferStatus.FundsInEscrow or PatentTransferStatus.Recorded or PatentTransferStatus.Settled)
        {
            return Snapshot();
        }
        if (_lifecycle.Status != PatentTransferStatus.Consented)
        {
            _lifecycle.Fire(PatentTransferTrigger.Escrow); // throws: consent missing, or cancelled
        }

        // Whatever an earlier attempt left reserved (it failed, or the silo died under it) goes back first.
        await ReleaseHoldsAsync(Actor.System);
        transfer.State.EscrowAttempt++;
        await WriteAsync($"escrow-attempt:{transfer.State.EscrowAttempt}", buyer, $"escrow attempt {transfer.State.EscrowAttempt}");

        var made = new List<ITransferGrain>();
        try
        {
            for (var i = 0; i < transfer.State.Sellers.Count; i++)
            {
                var hold = Hold(transfer.State.Sellers[i].ParticipantId, transfer.State.EscrowAttempt);
                var held = await hold.Execute(new TransferRequest(proposal.BuyerId, AccountId.ForParticipant(transfer.State.Sellers[i].ParticipantId),
                    transfer.State.SellerProceeds[i], TransferMode.Hold, $"escrow for patent {proposal.ApplicationNumber}", $"patent-transfer:{Id:N}", Controller), buyer);
                made.Add(hold);
                if (held.Status != TransferStatus.FundsReserved)
                {
                    throw new DomainException(DomainErrors.InvalidTransition, $"Escrow hold {held.TransferId} is {held.Status}, not reserved.");
                }
            }
        }
        catch (DomainException)
        {
            // All or nothing: a buyer short of funds for one seller's part gets the other parts back at once.
            await ReleaseHoldsAsync(Actor.System);
            throw;
        }
        _lifecycle.Fire(PatentTransferTrigger.Escrow);
        await WriteAsync("escrowed", buyer, $"{proposal.Price} in escrow");
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> Record(string registrationReference, Actor actor)
    {
        _ = Proposal;
        if (string.IsNullOrWhiteSpace(registrationReference) || registrationReference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The registration reference has 1–100 characters.", "registrationReference");
        }
        if (_lifecycle.Status == PatentTransferStatus.FundsInEscrow)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(Proposal.ApplicationNumber).TryGet();
            if (patent is not { IsInForce: true })
            {
                throw new DomainException(DomainErrors.PatentNotInForce,
                    $"Patent {Proposal.ApplicationNumber} is {patent?.LegalStatus.ToString() ?? "gone"}; the assignment cannot be recorded. Cancel the transfer to release the escrow.");
            }
            _lifecycle.Fire(PatentTransferTrigger.Record);
            transfer.State.RegistrationReference = registrationReference.Trim();
            await WriteAsync("recorded", actor, $"registered with the patent office as {registrationReference}");
            await this.RegisterOrUpdateReminder(SettlementReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
            await store.SetWakeupAsync(WakeupKinds.PatentTransfer, Id.ToString("N"), wake: true);
        }
        else if (_lifecycle.Status is not (PatentTransferStatus.Recorded or PatentTransferStatus.Settled))
        {
            _lifecycle.Fire(PatentTransferTrigger.Record); // throws, naming the state
        }
        await SettleAsync();
        return Snapshot();
    }

    public async Task<PatentTransferSnapshot> Cancel(Actor actor)
    {
        var proposal = Proposal;
        var party = actor.ParticipantId == proposal.BuyerId || transfer.State.Sellers.Any(s => s.ParticipantId == actor.ParticipantId)
            || actor.Roles.Contains(nameof(ParticipantRoles.Operator), StringComparison.Ordinal) || actor == Actor.System;
        if (!party)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not a party to patent transfer {Id}.");
        }
        if (_lifecycle.Status == PatentTransferStatus.Cancelled)
        {
            return Snapshot();
        }
        if (_lifecycle.Status is PatentTransferStatus.Recorded or PatentTransferStatus.Settled)
        {
            _lifecycle.Fire(PatentTransferTrigger.Cancel); // throws, naming the state
        }
        // The effects first (each idempotent), the status last: a failure here leaves the transfer cancellable again.
        var before = _lifecycle.Status;
        await ReleaseHoldsAsync(actor);
        await GrainFactory.GetGrain<IPatentGrain>(proposal.ApplicationNumber).AbandonTransfer(Id);
        _lifecycle.Fire(PatentTransferTrigger.Cancel);
        await WriteAsync("cancelled", actor, before == PatentTransferStatus.FundsInEscrow ? "cancelled; escrow released" : "cancelled");
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SettlementReminder)
        {
            await SettleAsync();
        }
    }

    /// <summary>Pays every seller from escrow and changes the owner; safe to repeat until it has all happened.</summary>
    private async Task SettleAsync()
    {
        if (_lifecycle.Status != PatentTransferStatus.Recorded)
        {
            return;
        }
        var proposal = Proposal;
        var patentGrain = GrainFactory.GetGrain<IPatentGrain>(proposal.ApplicationNumber);
        if (transfer.State.ListingsToClose is null)
        {
            transfer.State.ListingsToClose = [.. (await patentGrain.TryGet())!.OpenListings];
            await WriteAsync("settling", Actor.System, $"{transfer.State.ListingsToClose.Count} listing(s) of the old owners to close");
        }
        // The assignment first (recorded with the patent office, it has taken effect), then the sellers' money.
        var patent = await patentGrain.CompleteTransfer(Id, proposal.BuyerId);
        foreach (var seller in transfer.State.Sellers)
        {
            await Hold(seller.ParticipantId, transfer.State.EscrowAttempt).Settle(Actor.System);
        }
        // The old owners' listings end with their ownership. Closed from here, not from the patent grain: a
        // listing may at this moment be calling the patent, and a patent waiting on it would deadlock.
        foreach (var listingId in transfer.State.ListingsToClose)
        {
            await GrainFactory.GetGrain<Listings.IListingGrain>(listingId).CloseForTransfer(proposal.ApplicationNumber);
        }
        await store.RecordDealAsync(new Navigation.DealRecord(Id, Navigation.DealKind.Sale, proposal.ApplicationNumber,
            Navigation.MarketStatistics.Subclass(patent.IpcClasses[0]), proposal.Price.Fen, clock.GetUtcNow()));
        _lifecycle.Fire(PatentTransferTrigger.Settle);
        await WriteAsync("settled", Actor.System, $"sellers paid {proposal.Price}; patent assigned to {proposal.BuyerId}");
        if (await this.GetReminder(SettlementReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await store.SetWakeupAsync(WakeupKinds.PatentTransfer, Id.ToString("N"), wake: false);
    }

    private string Controller => $"patent-transfer:{Id:N}";

    private ITransferGrain Hold(Guid sellerId, int attempt) =>
        GrainFactory.GetGrain<ITransferGrain>(DeterministicId.From("patent-transfer-escrow", Id.ToString("N"), attempt.ToString(), sellerId.ToString("N")));

    /// <summary>Releases every escrow hold of every attempt that is still reserved.</summary>
    private async Task ReleaseHoldsAsync(Actor actor)
    {
        for (var attempt = 1; attempt <= transfer.State.EscrowAttempt; attempt++)
        {
            foreach (var seller in transfer.State.Sellers)
            {
                var hold = Hold(seller.ParticipantId, attempt);
                if (await hold.TryGet() is { Status: TransferStatus.FundsReserved })
                {
                    await hold.Release(Actor.System);
                }
            }
        }
    }

    private Task WriteAsync(string action, Actor actor, string details) =>
        transfer.WriteAndAuditAsync(this, store, $"patent-transfer:{Id:N}", $"patent-transfer:{Id:N}:{action}", action, actor, clock.GetUtcNow(), details);

    private PatentTransferSnapshot Snapshot()
    {
        var p = Proposal;
        return new PatentTransferSnapshot(Id, p.ApplicationNumber, p.BuyerId, transfer.State.Sellers, p.Price, _lifecycle.Status,
            transfer.State.Consents.ToArray(), transfer.State.ExportApprovalReference, transfer.State.RegistrationReference, transfer.State.SellerProceeds);
    }
}
