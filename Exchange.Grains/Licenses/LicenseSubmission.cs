using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Navigation;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Licenses;

/// <summary>
/// What drafting and submitting a licence asks of its patents (domain.md §5): every patent registered and in force,
/// the term ending no later than the earliest expiry, the licensee not an owner; then the scope claimed on all of
/// them or on none.
/// </summary>
internal static class LicenseSubmission
{
    public const int MaxPatents = 100;

    /// <summary>The agreement as stored, its scope, and the IPC subclass market data files it under.</summary>
    public static async Task<(LicenseAgreement Agreement, LicenseScope Scope, string IpcSubclass)> ValidateDraftAsync(IGrainFactory grains, DraftLicense draft, DateOnly today)
    {
        var terms = LicenseTerms.Validate(draft.Terms, "terms");
        var numbers = (draft.ApplicationNumbers ?? []).Select(n => ApplicationNumber.Parse(n).ToString()).Distinct().ToArray();
        if (numbers.Length is 0 or > MaxPatents)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A licence covers 1–{MaxPatents} patents.", "applicationNumbers");
        }
        if (draft.Start < today || draft.Start.Year > 9000)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A licence starts today or later.", "start");
        }
        var end = draft.Start.AddMonths(terms.TermMonths);
        var owners = new SortedSet<Guid>();
        var ipcSubclass = "";
        foreach (var number in numbers)
        {
            // Each patent's status and term are its grain's to tell: read from its snapshot.
            var patent = await grains.GetGrain<IPatentGrain>(number).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");
            if (!patent.IsInForce)
            {
                throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {number} is {PatentLifecycle.Describe(patent.LegalStatus)}; a licence starts only on a patent in force.");
            }
            patent.EnsureTradable("licensed");
            // The term is half-open: a licence may run up to and including the patent's last day in force.
            if (end > patent.LastDayOfTerm.AddDays(1))
            {
                throw new DomainException(DomainErrors.LicenseBeyondPatentTerm, $"The licence would run to {end:yyyy-MM-dd}, past the expiry of patent {number} on {patent.LastDayOfTerm:yyyy-MM-dd}.");
            }
            owners.UnionWith(patent.Owners.Select(o => o.ParticipantId));
            ipcSubclass = ipcSubclass.Length > 0 ? ipcSubclass : MarketStatistics.Subclass(patent.IpcClasses[0]);
        }
        if (owners.Contains(draft.Licensee))
        {
            throw new DomainException(DomainErrors.InvalidInput, "An owner does not license its own patent to itself.", "licensee");
        }
        return (new LicenseAgreement(numbers, draft.Licensee, terms, draft.Start), new LicenseScope(draft.Start, end, terms.Territories, terms.Fields), ipcSubclass);
    }

    /// <summary>
    /// Claims the scope on every patent, provisionally (each patent keeps the claim once the licence confirms it). All
    /// or none: a conflict (or a fault) on one frees the claims already made on the others, and the first failure is
    /// the one reported. A claim left behind by a submission that died here lapses unconfirmed.
    /// </summary>
    public static async Task ClaimAllAsync(IGrainFactory grains, IReadOnlyList<string> numbers, LicenseClaim claim)
    {
        var claimed = new List<IPatentEncumbrances>();
        try
        {
            foreach (var number in numbers)
            {
                var patent = grains.GetGrain<IPatentEncumbrances>(number);
                await patent.ClaimLicense(claim).RecordedAsync();
                claimed.Add(patent);
            }
        }
        catch (Exception)
        {
            foreach (var patent in claimed)
            {
                try
                {
                    await patent.ReleaseLicense(claim.LicenseId);
                }
                catch (Exception)
                {
                    // Best effort: the original failure is the one to report; an unconfirmed claim lapses by itself.
                }
            }
            throw;
        }
    }

    /// <summary>The licence an accepted licence offer agreed on, for its licensee to execute from <paramref name="start"/>.</summary>
    public static async Task<DraftLicense> AcceptedDealAsync(IGrainFactory grains, Guid listingId, Guid offerId, DateOnly start, Actor licensee)
    {
        var deal = await grains.GetGrain<Listings.IListingDeals>(listingId).AcceptedLicenseOffer(offerId)
            ?? throw new DomainException(DomainErrors.OfferNotFound, $"Listing {listingId} has no accepted licence offer {offerId} awaiting execution.");
        return deal.Licensee == licensee.ParticipantId ? new DraftLicense(deal.ApplicationNumbers, deal.Licensee, deal.Terms, start)
            : throw new DomainException(DomainErrors.Forbidden, $"Only licensee {deal.Licensee} executes the licence agreed on offer {offerId}.");
    }

    /// <summary>An ordinary licence on the patent's published open-licence terms (Patent Law Arts. 50–52), from <paramref name="start"/>.</summary>
    public static async Task<DraftLicense> OpenLicenseDraftAsync(IGrainFactory grains, string number, DateOnly start, Actor licensee)
    {
        var patent = await grains.GetGrain<IPatentGrain>(number).TryGet() ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");
        var declaration = patent.OpenLicense ?? throw new DomainException(DomainErrors.NoOpenLicense, $"Patent {number} is not offered under an open licence.");
        return new DraftLicense([number], licensee.ParticipantId, declaration.Terms, start);
    }

    /// <summary>Record filing is refused while an annual fee of a licensed patent is in its grace period (2023 Regulations Art. 15).</summary>
    public static async Task EnsureFilingAllowedAsync(IGrainFactory grains, IEnumerable<string> numbers, Guid licenseId, DateTimeOffset now)
    {
        foreach (var number in numbers)
        {
            // The patent's status is its grain's to tell: read from its snapshot.
            if (await grains.GetGrain<IPatentGrain>(number).TryGet() is not { } patent)
            {
                continue;
            }
            if (PatentLifecycle.BlocksFiling(patent.LegalStatus))
            {
                throw new DomainException(DomainErrors.FilingRefused, $"Patent {number} has an annual fee in its grace period; the filing is refused until it is paid.");
            }
            if (PledgeHoldRules.FilingRefusal(number, patent.Pledge, licenseId, now) is { } pledged)
            {
                throw pledged;
            }
        }
    }
}
