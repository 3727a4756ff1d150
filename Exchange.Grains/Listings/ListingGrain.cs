using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Listings;

[GrainType("listing")]
internal sealed class ListingGrain(
    [PersistentState(StateNames.Listing, StateNames.StorageProvider)] IPersistentState<ListingState> listing,
    IExchangeStore store,
    TimeProvider clock)
    : Grain, IListingGrain, IRemindable
{
    private const string ExpiryReminder = "listing-expiry";
    private ListingLifecycle _lifecycle = null!;

    private Guid Id => this.GetPrimaryKey();
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    private CreateListing Listing => listing.State.Listing ?? throw new DomainException(DomainErrors.ListingNotFound, $"Listing {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new ListingLifecycle(() => listing.State.Status, s => listing.State.Status = s);
        if (listing.State.Listing is not null && _lifecycle.IsOpen)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        }
    }

    public async Task<ListingSnapshot> Create(CreateListing command, Actor agency)
    {
        if (listing.State.Listing is { } existing)
        {
            var repeat = existing.ApplicationNumbers.SequenceEqual((command.ApplicationNumbers ?? []).Select(n => ApplicationNumber.TryParse(n, out var parsed, out _) ? parsed.ToString() : n).Distinct())
                && existing.SalePrice == command.SalePrice && LicenseTerms.Same(existing.LicenseTerms, command.LicenseTerms) && existing.ExpiresOn == command.ExpiresOn;
            return repeat && listing.State.AgencyId == agency.ParticipantId
                ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Listing {Id} already exists with other terms.");
        }
        var numbers = (command.ApplicationNumbers ?? []).Select(n => ApplicationNumber.Parse(n).ToString()).Distinct().ToArray();
        if (numbers.Length is 0 or > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A listing offers 1–100 patents.", "applicationNumbers");
        }
        if (command.SalePrice is null && command.LicenseTerms is null)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A listing offers the patents for sale, for licence, or both.", "salePrice");
        }
        if (command.SalePrice is { Fen: <= 0 })
        {
            throw new DomainException(DomainErrors.InvalidAmount, "An asking price is positive.", "salePrice");
        }
        var terms = command.LicenseTerms is null ? null : LicenseTerms.Validate(command.LicenseTerms, "licenseTerms");
        if (command.ExpiresOn <= Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A listing expires after today.", "expiresOn");
        }

        var owners = new SortedSet<Guid>();
        var ipcClasses = new SortedSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var number in numbers)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");
            if (!patent.IsInForce)
            {
                throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {number} is {patent.LegalStatus}; only patents in force are listed.");
            }
            if (!patent.IsMandated(agency.ParticipantId, Today))
            {
                throw new DomainException(DomainErrors.MandateMissing, $"Agency {agency.ParticipantId} holds no current mandate from every owner of patent {number}.");
            }
            owners.UnionWith(patent.Owners.Select(o => o.ParticipantId));
            ipcClasses.UnionWith(patent.IpcClasses);
            text.Append(patent.Title).Append(' ').Append(patent.Abstract).Append(' ');
        }

        listing.State.Listing = command with { ApplicationNumbers = numbers, LicenseTerms = terms };
        listing.State.AgencyId = agency.ParticipantId;
        listing.State.OwnerIds = [.. owners];
        listing.State.IpcClasses = [.. ipcClasses];
        listing.State.SearchText = text.ToString().ToLowerInvariant();
        listing.State.Status = ListingStatus.Open;
        listing.State.CreatedAt = clock.GetUtcNow();
        await WriteAsync("listed", agency, $"{numbers.Length} patent(s): sale {command.SalePrice?.ToString() ?? "no"}, licence {terms?.Type.ToString() ?? "no"}");
        foreach (var number in numbers)
        {
            await GrainFactory.GetGrain<IPatentGrain>(number).ListingChanged(Id, open: true);
        }
        await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        await store.SetWakeupAsync(WakeupKinds.Listing, Id.ToString("N"), wake: true);
        return Snapshot();
    }

    public Task<ListingSnapshot?> TryGet() => Task.FromResult(listing.State.Listing is null ? null : Snapshot());

    public async Task<ListingSnapshot> Withdraw(Actor agency)
    {
        RequireLister(agency, "withdraw the listing");
        await CloseAsync(ListingTrigger.Withdraw, agency, "withdrawn by the agency");
        return Snapshot();
    }

    public async Task<OfferSnapshot> MakeOffer(Guid offerId, MakeOffer offer, Actor bidder)
    {
        var terms = Listing;
        if (listing.State.Offers.FirstOrDefault(o => o.OfferId == offerId) is { } existing)
        {
            var repeat = existing.Offer.Kind == offer.Kind && existing.Offer.ExpiresOn == offer.ExpiresOn
                && (offer.Kind == OfferKind.Purchase ? existing.Offer.Price == offer.Price : LicenseTerms.Same(existing.Offer.LicenseTerms, offer.LicenseTerms));
            return repeat && existing.BidderId == bidder.ParticipantId
                ? OfferSnapshotOf(existing)
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Offer {offerId} already exists with other terms.");
        }
        if (!_lifecycle.IsOpen)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Listing {Id} is {_lifecycle.Status} and takes no offers.");
        }
        if (bidder.ParticipantId == listing.State.AgencyId || listing.State.OwnerIds.Contains(bidder.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {bidder.ParticipantId} is on the selling side of listing {Id}.");
        }
        var validated = offer.Kind switch
        {
            OfferKind.Purchase when terms.SalePrice is null => throw new DomainException(DomainErrors.OfferMismatch, $"Listing {Id} is not for sale."),
            OfferKind.Purchase when offer.Price is not { Fen: > 0 } => throw new DomainException(DomainErrors.InvalidAmount, "A purchase offer names a positive price.", "price"),
            // Each patent of a package is transferred for its share of the price, and a share of 0 fen is no sale.
            OfferKind.Purchase when offer.Price.Value.Fen < terms.ApplicationNumbers.Count => throw new DomainException(DomainErrors.InvalidAmount,
                $"A purchase of {terms.ApplicationNumbers.Count} patents offers at least CNY {terms.ApplicationNumbers.Count / 100m:0.00}.", "price"),
            OfferKind.Purchase => offer with { LicenseTerms = null },
            OfferKind.License when terms.LicenseTerms is null => throw new DomainException(DomainErrors.OfferMismatch, $"Listing {Id} is not for licence."),
            OfferKind.License => offer with { LicenseTerms = LicenseTerms.Validate(offer.LicenseTerms, "licenseTerms"), Price = null },
            _ => throw new DomainException(DomainErrors.InvalidInput, $"Unknown offer kind {(int)offer.Kind}.", "kind"),
        };
        if (offer.ExpiresOn <= Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, "An offer expires after today.", "expiresOn");
        }
        var now = clock.GetUtcNow();
        var state = new OfferState { OfferId = offerId, BidderId = bidder.ParticipantId, Offer = validated, Status = OfferStatus.Submitted, SubmittedAt = now, UpdatedAt = now };
        listing.State.Offers.Add(state);
        await WriteAsync($"offer:{offerId:N}:submitted", bidder, $"{validated.Kind} offer {validated.Price?.ToString() ?? validated.LicenseTerms!.Type.ToString()}");
        return OfferSnapshotOf(state);
    }

    public async Task<OfferSnapshot> Counter(Guid offerId, Money? price, LicenseTerms? terms, Actor agency)
    {
        RequireLister(agency, "counter offers");
        var offer = FindOffer(offerId);
        if (offer.Offer.Kind == OfferKind.Purchase ? price is not { Fen: > 0 } || price.Value.Fen < Listing.ApplicationNumbers.Count : terms is null)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A counter-offer names a positive price for a purchase, or licence terms for a licence.", offer.Offer.Kind == OfferKind.Purchase ? "price" : "licenseTerms");
        }
        var validatedTerms = terms is null ? null : LicenseTerms.Validate(terms, "licenseTerms");
        FireOffer(offer, OfferTrigger.Counter);
        offer.CounterPrice = offer.Offer.Kind == OfferKind.Purchase ? price : null;
        offer.CounterTerms = offer.Offer.Kind == OfferKind.License ? validatedTerms : null;
        offer.UpdatedAt = clock.GetUtcNow();
        await WriteAsync($"offer:{offerId:N}:countered", agency, $"counter {price?.ToString() ?? validatedTerms!.Type.ToString()}");
        return OfferSnapshotOf(offer);
    }

    public async Task<ListingSnapshot> Accept(Guid offerId, Actor actor)
    {
        var offer = FindOffer(offerId);
        var trigger = actor.ParticipantId == listing.State.AgencyId ? OfferTrigger.Accept
            : actor.ParticipantId == offer.BidderId ? OfferTrigger.AcceptCounter
            : throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is neither the lister nor the bidder of offer {offerId}.");
        if (offer.Status == OfferStatus.Accepted)
        {
            return Snapshot();
        }
        if (!_lifecycle.IsOpen)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Listing {Id} is {_lifecycle.Status}; its offers can no longer be accepted.");
        }
        if (offer.Offer.ExpiresOn < Today || Listing.ExpiresOn < Today)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Offer {offerId} or its listing has expired; it can no longer be accepted.");
        }
        if (offer.Offer.Kind == OfferKind.Purchase)
        {
            // A sale binds the owners: the agency's mandate must still hold when the deal is made, not only when listed.
            foreach (var number in Listing.ApplicationNumbers)
            {
                var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet();
                if (patent is null || !patent.IsMandated(listing.State.AgencyId, Today))
                {
                    throw new DomainException(DomainErrors.MandateMissing, $"Agency {listing.State.AgencyId} no longer holds a mandate from every owner of patent {number}.");
                }
            }
        }
        // Check the move before any effect, so a refused acceptance starts nothing.
        var check = offer.Status;
        new OfferLifecycle(() => check, s => check = s).Fire(trigger);
        if (offer.Offer.Kind == OfferKind.Purchase)
        {
            offer.PatentTransfers = await ProposeTransfersAsync(offer, actor);
        }
        FireOffer(offer, trigger);
        offer.UpdatedAt = clock.GetUtcNow();
        var agreed = OfferSnapshotOf(offer);
        // A sale, or an exclusive or sole licence, can be granted once: the listing closes and every other live
        // offer is rejected. Ordinary licences can be granted to any number of licensees.
        var closes = offer.Offer.Kind == OfferKind.Purchase || agreed.AgreedTerms!.Type != LicenseType.Ordinary;
        if (closes)
        {
            foreach (var other in listing.State.Offers.Where(o => o.OfferId != offerId))
            {
                RejectIfLive(other);
            }
            _lifecycle.Fire(ListingTrigger.Close);
        }
        await WriteAsync($"offer:{offerId:N}:accepted", actor, $"{offer.Offer.Kind} agreed at {agreed.AgreedPrice?.ToString() ?? agreed.AgreedTerms!.Type.ToString()}");
        if (closes)
        {
            await NotifyPatentsClosedAsync();
        }
        return Snapshot();
    }

    public async Task<OfferSnapshot> Reject(Guid offerId, Actor actor)
    {
        var offer = FindOffer(offerId);
        var trigger = actor.ParticipantId == listing.State.AgencyId ? OfferTrigger.Reject
            : actor.ParticipantId == offer.BidderId ? OfferTrigger.Decline
            : throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is neither the lister nor the bidder of offer {offerId}.");
        var before = offer.Status;
        FireOffer(offer, trigger);
        if (offer.Status != before)
        {
            offer.UpdatedAt = clock.GetUtcNow();
            await WriteAsync($"offer:{offerId:N}:rejected", actor, trigger == OfferTrigger.Decline ? "counter-offer declined by the bidder" : "rejected by the lister");
        }
        return OfferSnapshotOf(offer);
    }

    public async Task<OfferSnapshot> WithdrawOffer(Guid offerId, Actor bidder)
    {
        var offer = FindOffer(offerId);
        if (offer.BidderId != bidder.ParticipantId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the bidder withdraws offer {offerId}.");
        }
        var before = offer.Status;
        FireOffer(offer, OfferTrigger.Withdraw);
        if (offer.Status != before)
        {
            offer.UpdatedAt = clock.GetUtcNow();
            await WriteAsync($"offer:{offerId:N}:withdrawn", bidder, "withdrawn by the bidder");
        }
        return OfferSnapshotOf(offer);
    }

    public async Task CloseForTransfer(string applicationNumber)
    {
        if (listing.State.Listing is not null && _lifecycle.IsOpen)
        {
            await CloseAsync(ListingTrigger.Withdraw, Actor.System, $"patent {applicationNumber} was assigned to a new owner", skipPatent: applicationNumber);
        }
    }

    public async Task<ListingSnapshot> CheckExpiry()
    {
        var terms = Listing;
        var today = Today;
        var changed = false;
        foreach (var offer in listing.State.Offers.Where(o => o.Offer.ExpiresOn < today))
        {
            changed |= FireIfLive(offer, OfferTrigger.Expire);
        }
        if (_lifecycle.IsOpen && terms.ExpiresOn < today)
        {
            foreach (var offer in listing.State.Offers)
            {
                FireIfLive(offer, OfferTrigger.Expire);
            }
            _lifecycle.Fire(ListingTrigger.Expire);
            changed = true;
            await WriteAsync("expired", Actor.System, $"expired after {terms.ExpiresOn:yyyy-MM-dd}");
            await NotifyPatentsClosedAsync();
            await UnregisterReminderAsync();
        }
        else if (changed)
        {
            await WriteAsync($"offers-expired:{today:yyyyMMdd}", Actor.System, "offers expired");
        }
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ExpiryReminder && listing.State.Listing is not null)
        {
            await CheckExpiry();
        }
    }

    /// <summary>
    /// An accepted purchase starts one patent transfer per listed patent (a package's price is split evenly, to
    /// the fen). Their ids derive from the listing and the offer, so a retried acceptance proposes them once.
    /// </summary>
    private async Task<List<Guid>> ProposeTransfersAsync(OfferState offer, Actor actor)
    {
        var numbers = Listing.ApplicationNumbers;
        var price = offer.CounterPrice ?? offer.Offer.Price!.Value;
        var parts = Allocation.ByLargestRemainder(price, numbers.Select(_ => 1m).ToArray());
        var ids = new List<Guid>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var id = DeterministicId.From("patent-transfer", Id.ToString("N"), offer.OfferId.ToString("N"), numbers[i]);
            await GrainFactory.GetGrain<PatentTransfers.IPatentTransferGrain>(id)
                .Propose(new PatentTransfers.ProposePatentTransfer(numbers[i], offer.BidderId, parts[i], Id, offer.OfferId), actor);
            ids.Add(id);
        }
        return ids;
    }

    private async Task CloseAsync(ListingTrigger trigger, Actor actor, string why, string? skipPatent = null)
    {
        var before = _lifecycle.Status;
        _lifecycle.Fire(trigger);
        if (_lifecycle.Status == before)
        {
            return;
        }
        foreach (var offer in listing.State.Offers)
        {
            RejectIfLive(offer);
        }
        await WriteAsync(trigger.ToString().ToLowerInvariant(), actor, why);
        await NotifyPatentsClosedAsync(skipPatent);
        await UnregisterReminderAsync();
    }

    private void RejectIfLive(OfferState offer) => FireIfLive(offer, OfferTrigger.Reject);

    private bool FireIfLive(OfferState offer, OfferTrigger trigger)
    {
        var lifecycle = new OfferLifecycle(() => offer.Status, s => offer.Status = s);
        if (!lifecycle.IsLive)
        {
            return false;
        }
        lifecycle.Fire(trigger);
        offer.UpdatedAt = clock.GetUtcNow();
        return true;
    }

    private static void FireOffer(OfferState offer, OfferTrigger trigger) =>
        new OfferLifecycle(() => offer.Status, s => offer.Status = s).Fire(trigger);

    private async Task NotifyPatentsClosedAsync(string? skipPatent = null)
    {
        foreach (var number in Listing.ApplicationNumbers.Where(n => n != skipPatent))
        {
            await GrainFactory.GetGrain<IPatentGrain>(number).ListingChanged(Id, open: false);
        }
    }

    private async Task UnregisterReminderAsync()
    {
        await store.SetWakeupAsync(WakeupKinds.Listing, Id.ToString("N"), wake: false);
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void RequireLister(Actor actor, string action)
    {
        _ = Listing;
        if (actor.ParticipantId != listing.State.AgencyId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the listing agency may {action} on listing {Id}.");
        }
    }

    private OfferState FindOffer(Guid offerId)
    {
        _ = Listing;
        return listing.State.Offers.FirstOrDefault(o => o.OfferId == offerId)
            ?? throw new DomainException(DomainErrors.OfferNotFound, $"Listing {Id} has no offer {offerId}.");
    }

    private async Task WriteAsync(string action, Actor actor, string details)
    {
        await listing.WriteAndAuditAsync(this, store, $"listing:{Id:N}", $"listing:{Id:N}:{action}:{listing.Etag}", action, actor, clock.GetUtcNow(), details);
        // The navigation row follows the listing; a retried command rewrites the same row.
        var l = Listing;
        await store.UpsertListingIndexAsync(new Navigation.ListingIndexEntry(Id, _lifecycle.Status, listing.State.AgencyId, listing.State.OwnerIds,
            l.ApplicationNumbers, listing.State.IpcClasses, listing.State.SearchText, l.LicenseTerms?.Type, (l.SalePrice ?? l.LicenseTerms?.UpfrontFee)?.Fen,
            l.ExpiresOn, listing.State.CreatedAt));
    }

    private static OfferSnapshot OfferSnapshotOf(OfferState o) => new(o.OfferId, o.BidderId, o.Offer.Kind, o.Offer.Price, o.Offer.LicenseTerms,
        o.Offer.ExpiresOn, o.Status, o.CounterPrice, o.CounterTerms, o.SubmittedAt, o.UpdatedAt, o.PatentTransfers.ToArray());

    private ListingSnapshot Snapshot()
    {
        var l = Listing;
        return new ListingSnapshot(Id, listing.State.AgencyId, l.ApplicationNumbers, listing.State.OwnerIds, l.SalePrice, l.LicenseTerms, l.ExpiresOn,
            _lifecycle.Status, listing.State.Offers.Select(OfferSnapshotOf).ToArray(), listing.State.CreatedAt);
    }
}
