using Exchange.Grains.Common;
using Exchange.Grains.Licenses;

namespace Exchange.Grains.Listings;

/// <summary>What patents, transfers and licences ask of the listing (<see cref="IListingDeals"/>).</summary>
internal sealed partial class ListingGrain
{
    public async Task CloseForPatent(string applicationNumber, string reason)
    {
        await _runner.ResumeAsync();
        if (State.Listing is not null)
        {
            await CloseAsync(_lifecycle.WithdrawIfOpen(), "withdrawn", Actor.System, reason, skipPatent: applicationNumber);
        }
    }

    public Task<LicenseDraft?> AcceptedLicenseOffer(Guid offerId) =>
        Task.FromResult(State.Listing is not null && State.Offers.FirstOrDefault(o => o.OfferId == offerId) is { } offer && ListingRules.AwaitsExecution(offer, Today)
            ? DraftOf(offer) : null);

    private LicenseDraft DraftOf(OfferState offer) => ListingFacts.DraftOf(Id, State, offer);

    public async Task LicenseExecuted(Guid offerId, Guid licenseId)
    {
        await _runner.ResumeAsync();
        if (State.Offers.FirstOrDefault(o => o.OfferId == offerId) is { ExecutedAs: null } offer)
        {
            offer.ExecutedAs = licenseId;
            offer.UpdatedAt = Now;
            await CommitWithArchiveAsync([Audit($"offer:{offerId:N}:executed", Actor.System, $"executed as licence {licenseId}")]);
        }
    }
}
