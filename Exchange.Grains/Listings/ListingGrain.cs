using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;
using Exchange.Grains.Navigation;
using Exchange.Grains.Patents;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Listings;

/// <summary>
/// The listing (this file) and its offers (ListingGrain.Offers.cs), both <see cref="IListingGrain"/>, and what patents,
/// transfers and licences ask of it (ListingGrain.Deals.cs, <see cref="IListingDeals"/>).
/// </summary>
[GrainType("listing")]
internal sealed partial class ListingGrain(
    [PersistentState(StateNames.Listing, StateNames.StorageProvider)] IPersistentState<ListingState> listing,
    IProjectionStore projections,
    FollowUpServices followUps)
    : Grain, IListingGrain, IListingDeals, IFollowUpOwner, IRemindable
{
    private static readonly DeadlineReminder Expiry = new("listing-expiry", TimeSpan.FromHours(1));
    private ListingLifecycle _lifecycle = null!;
    private FollowUpRunner<ListingState> _runner = null!;

    private Guid Id => this.GetPrimaryKey();
    private ListingState State => listing.State;
    private DateTimeOffset Now => followUps.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private ListingTerms Terms => State.Listing ?? throw new DomainException(DomainErrors.ListingNotFound, $"Listing {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new ListingLifecycle(() => listing.State.Status, s => listing.State.Status = s, $"Listing {Id}");
        _runner = new FollowUpRunner<ListingState>(this, listing, followUps, () => ListingEntry.Of(Id, State));
        _runner.Activated();
        if (State.Listing is not null && _lifecycle.IsOpen)
        {
            await Expiry.KeepAsync(this, running: true);
        }
    }

    public Task ResumeFollowUps() => _runner.ResumeAsync();

    public Task<ListingSnapshot?> TryGet() => Task.FromResult(State.Listing is null ? null : Snapshot());

    public async Task<ListingSnapshot> Create(CreateListing command, Actor agency)
    {
        await _runner.ResumeAsync();
        if (State.Listing is { } existing)
        {
            return ListingRules.IsRepeat(existing, command) && State.AgencyId == agency.ParticipantId && State.EnforcesPledge == command.EnforcesPledge ? Snapshot()
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Listing {Id} already exists with other terms.");
        }
        var terms = ListingRules.Validate(command, Today);
        var patents = await ListedPatents.GatherAsync(GrainFactory, terms.ApplicationNumbers, agency.ParticipantId, command.EnforcesPledge, Today);
        State.Listing = terms;
        State.AgencyId = agency.ParticipantId;
        State.EnforcesPledge = command.EnforcesPledge;
        State.OwnerIds = [.. patents.Owners];
        State.IpcClasses = [.. patents.IpcClasses];
        State.SearchText = patents.SearchText;
        State.Status = ListingStatus.Open;
        State.CreatedAt = Now;
        await Expiry.KeepAsync(this, running: true);
        await _runner.CommitAsync([
            Audit("listed", agency, $"{terms.ApplicationNumbers.Count} patent(s): sale {terms.SalePrice?.ToString() ?? "no"}, licence {terms.LicenseTerms?.Type.ToString() ?? "no"}"
                + (command.EnforcesPledge is { } pledge ? $", in enforcement of pledge {pledge}" : "")),
            Index("listed"),
            .. terms.ApplicationNumbers.Select(n => new TellPatentOfListing(n, Id, Open: true, State.OwnerIds)),
            new SetWakeup(WakeupKinds.Listing, Id.ToString("N"), true)]);
        return Snapshot();
    }

    public async Task<ListingSnapshot> Withdraw(Actor agency)
    {
        await _runner.ResumeAsync();
        RequireLister(agency, "withdraw the listing");
        await CloseAsync(_lifecycle.Withdraw(), "withdrawn", agency, "withdrawn by the agency");
        return Snapshot();
    }

    public async Task<ArchivedOfferPage> ClosedOffers(long afterSequence, int limit) => await projections.ReadArchivedOffersAsync(Id, afterSequence, limit);

    public async Task<ListingSnapshot> CheckExpiry()
    {
        await _runner.ResumeAsync();
        var terms = Terms;
        var today = Today;
        var expiredOffers = State.Offers.Where(o => o.Offer.ExpiresOn < today || terms.ExpiresOn < today).Count(o => TouchIf(o, Negotiation(o).ExpireIfLive()));
        var archivable = ListingRules.ToArchive(State.Offers, today).Count;
        if (terms.ExpiresOn < today && _lifecycle.Expire())
        {
            await CommitWithArchiveAsync([Audit("expired", Actor.System, $"expired after {terms.ExpiresOn:yyyy-MM-dd}"), .. ClosingFollowUps(skipPatent: null)]);
            await Expiry.StopAsync(this);
        }
        else if (expiredOffers > 0 || archivable > 0)
        {
            await CommitWithArchiveAsync([Audit($"offers-expired:{today:yyyyMMdd}", Actor.System, $"{expiredOffers} offer(s) expired")]);
        }
        return Snapshot();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Expiry.TickAsync(this, reminderName, async () =>
    {
        if (State.Listing is not null)
        {
            await CheckExpiry();
        }
        if (!(State.Listing is not null && _lifecycle.IsOpen))
        {
            await Expiry.StopAsync(this);
        }
    });

    private async Task CloseAsync(bool closed, string action, Actor actor, string why, string? skipPatent = null)
    {
        if (closed)
        {
            await CommitWithArchiveAsync([Audit(action, actor, why), .. ClosingFollowUps(skipPatent)]);
            await Expiry.StopAsync(this);
        }
    }

    /// <summary>The listing closed: live offers are rejected, the patents (but the one that told us) and the index learn of it.</summary>
    private IEnumerable<FollowUp> ClosingFollowUps(string? skipPatent)
    {
        foreach (var offer in State.Offers)
        {
            TouchIf(offer, Negotiation(offer).RejectIfLive());
        }
        return [.. Terms.ApplicationNumbers.Where(n => n != skipPatent).Select(n => new TellPatentOfListing(n, Id, Open: false)),
            new SetWakeup(WakeupKinds.Listing, Id.ToString("N"), false)];
    }

    /// <summary>Every write of the listing also moves closed offers beyond the recent ones to the archive, and refreshes the index row.</summary>
    private Task CommitWithArchiveAsync(List<FollowUp> owed)
    {
        var archived = ListingRules.ToArchive(State.Offers, Today);
        foreach (var offer in archived)
        {
            State.Offers.Remove(offer);
        }
        return _runner.CommitAsync([.. owed, .. archived.Select(o => new ArchiveOffer(new ArchivedOffer(Id, OfferSnapshotOf(o), Now))), Index(owed[0].Id)]);
    }

    private bool TouchIf(OfferState offer, bool moved)
    {
        if (moved)
        {
            offer.UpdatedAt = Now;
        }
        return moved;
    }

    /// <summary>True for the lister, false for the offer's bidder; anyone else is refused.</summary>
    private bool IsLister(Actor actor, OfferState offer)
    {
        if (actor.ParticipantId == State.AgencyId || actor.ParticipantId == offer.BidderId)
        {
            return actor.ParticipantId == State.AgencyId;
        }
        throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is neither the lister nor the bidder of offer {offer.OfferId}.");
    }

    private void RequireLister(Actor actor, string action)
    {
        _ = Terms;
        if (actor.ParticipantId != State.AgencyId)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the listing agency may {action} on listing {Id}.");
        }
    }

    private OfferState FindOffer(Guid offerId)
    {
        _ = Terms;
        return State.Offers.FirstOrDefault(o => o.OfferId == offerId)
            ?? throw new DomainException(DomainErrors.OfferNotFound, $"Listing {Id} has no open offer {offerId} (closed offers are in its archive).");
    }

    private OfferLifecycle Negotiation(OfferState offer) =>
        new(() => offer.Status, s => offer.Status = s, () => offer.Offer.ExpiresOn >= Today && Terms.ExpiresOn >= Today, $"Offer {offer.OfferId}");

    private AppendAudit Audit(string action, Actor actor, string details) =>
        new(new AuditEntry($"listing:{Id:N}:{action}:{listing.Etag}", $"listing:{Id:N}", action, actor.ParticipantId, Now, details));

    private UpsertListingIndex Index(string change) => new(ListingFacts.IndexEntry(Id, State), change);

    private static OfferSnapshot OfferSnapshotOf(OfferState o) => ListingFacts.OfferSnapshot(o);

    private ListingSnapshot Snapshot() => ListingFacts.Snapshot(Id, State, Today);
}
