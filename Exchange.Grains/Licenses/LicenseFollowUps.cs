using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Licenses;

/// <summary>The overdue-filing list learns the licence's filing deadline, or that it was filed.</summary>
internal sealed record SetFilingDeadline(Guid LicenseId, DateOnly Deadline, DateOnly? FiledOn) : FollowUp
{
    public override string Id => $"license-filing:{LicenseId:N}:{FiledOn?.ToString("yyyyMMdd") ?? "due"}";

    public override Task RunAsync(FollowUpContext context) => context.Projections.SetFilingAsync(LicenseId, Deadline, FiledOn);
}

/// <summary>
/// The patent learns that the licence holds its claim: awaiting consents, or in effect. If the claim lapsed and was
/// taken meanwhile, the licence hears it (<see cref="ClaimLost"/>) and ends: it cannot hold a scope nobody protects.
/// </summary>
internal sealed record ConfirmLicenseClaim(string ApplicationNumber, LicenseClaim Claim, bool InEffect) : FollowUp
{
    public const string ClaimLost = "claim-lost:";

    public override string Id => $"confirm-claim:{ApplicationNumber}:{Claim.LicenseId:N}:{InEffect}";

    public override async Task RunAsync(FollowUpContext context)
    {
        if (!await context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).ConfirmLicenseClaim(Claim, InEffect)))
        {
            await new ContinueLocally(ClaimLost + ApplicationNumber).RunAsync(context);
        }
    }
}

/// <summary>The patent frees the ended licence's scope.</summary>
internal sealed record ReleaseLicenseClaim(string ApplicationNumber, Guid LicenseId) : FollowUp
{
    public override string Id => $"release-claim:{ApplicationNumber}:{LicenseId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Patents.IPatentEncumbrances>(ApplicationNumber).ReleaseLicense(LicenseId));
}

/// <summary>The listing learns that its accepted licence offer was executed, and closes the offer.</summary>
internal sealed record TellListingOfExecution(Guid ListingId, Guid OfferId, Guid LicenseId) : FollowUp
{
    public override string Id => $"listing-execution:{ListingId:N}:{OfferId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Listings.IListingDeals>(ListingId).LicenseExecuted(OfferId, LicenseId));
}

/// <summary>A royalty swept to a pledgee in default counts as repayment of its loan: the pledge (named by the assignment) is told.</summary>
internal sealed record CreditPledge(Guid PledgeId, string PostingId, Common.Money Amount) : FollowUp
{
    public override string Id => $"credit-pledge:{PledgeId:N}:{PostingId}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Pledges.IPledgeGrain>(PledgeId).RoyaltySwept(PostingId, Amount));
}
