using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>What the pledge reads of its collateral: who pledges it, and the facts its review judges (each object's grain tells its own).</summary>
internal static class PledgeReview
{
    /// <summary>The pledgee is a registered participant with the pledgee (bank) role and verified KYC.</summary>
    /// <exception cref="DomainException">participant-not-found, invalid-input or kyc-not-verified.</exception>
    public static async Task EnsurePledgeeAsync(IGrainFactory grains, Guid pledgeeId)
    {
        var pledgee = await grains.GetGrain<Participants.IParticipantGrain>(pledgeeId).TryGet()
            ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {pledgeeId} is not registered.", "pledgeeId");
        if ((pledgee.Roles & Participants.ParticipantRoles.Pledgee) == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {pledgeeId} is not a pledgee (a bank or other lender registered as one).", "pledgeeId");
        }
        if (pledgee.KycStatus != Participants.KycStatus.Verified)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"The pledgee {pledgeeId}'s KYC is not verified.", "pledgeeId");
        }
    }

    /// <summary>An agent acting for a party is a registered patent agency (Patent Law Art. 18 for a party without domicile in China).</summary>
    /// <exception cref="DomainException">participant-not-found or invalid-input.</exception>
    public static async Task EnsureAgencyAsync(IGrainFactory grains, Guid agentId)
    {
        var agent = await grains.GetGrain<Participants.IParticipantGrain>(agentId).TryGet()
            ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {agentId} is not registered.", "agentId");
        if ((agent.Roles & Participants.ParticipantRoles.Agency) == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Participant {agentId} is not a patent agency and cannot act as agent.", "agentId");
        }
    }

    /// <summary>The pledgors: the pledged patents' owners and the pledged licences' licensors.</summary>
    /// <exception cref="DomainException">patent-not-found or license-not-found.</exception>
    public static async Task<IReadOnlyList<Guid>> PledgorsAsync(IGrainFactory grains, PledgeApplication application)
    {
        var pledgors = new SortedSet<Guid>();
        foreach (var number in application.ApplicationNumbers)
        {
            pledgors.UnionWith((await PatentAsync(grains, number)).Owners.Select(o => o.ParticipantId));
        }
        foreach (var licenseId in application.RoyaltyLicenses)
        {
            pledgors.UnionWith((await LicenseAsync(grains, licenseId)).Licensors);
        }
        return pledgors.ToArray();
    }

    public static async Task<PledgeReviewFacts> FactsAsync(IGrainFactory grains, Guid pledgeId, PledgeState state)
    {
        var application = state.Application!;
        var patents = new List<CollateralPatent>();
        foreach (var number in application.ApplicationNumbers)
        {
            var patent = await PatentAsync(grains, number);
            patents.Add(new CollateralPatent(number, patent.LegalStatus, patent.LastDayOfTerm, patent.Owners.Select(o => o.ParticipantId).ToArray(),
                patent.Pledge?.PledgeId, UnderPreservationOrder: patent.PreservationOrder is not null, InvalidationRequested: patent.InvalidationRequest is not null));
        }
        var royalties = new List<CollateralRoyalties>();
        foreach (var licenseId in application.RoyaltyLicenses)
        {
            var licence = await LicenseAsync(grains, licenseId);
            royalties.Add(new CollateralRoyalties(licenseId, AssigneeOf(licence, pledgeId), licence.Licensors));
        }
        return new PledgeReviewFacts(pledgeId, application.Loan, application.Appraisal, application.LoanToValueCap, state.Signatures.ToArray(),
            application.InvalidationRiskAcknowledged, patents, royalties, application.PledgeeId);
    }

    /// <summary>Whom the licence's royalties are assigned or pledged to, other than this pledge: a pool, another pledge.</summary>
    private static string? AssigneeOf(LicenseSnapshot licence, Guid pledgeId) =>
        licence.RoyaltiesPledgedTo is { } pledge && pledge != pledgeId ? PledgeRegistrationRules.PledgeAssignee(pledge)
        : licence.RoyaltiesPooledIn is { } pool ? $"pool {pool:N}"
        : licence.RoyaltyAssignment is { } assigned && assigned.AssignedBy != pledgeId ? $"{assigned.Reason} {assigned.AccountId}"
        : null;

    private static async Task<PatentSnapshot> PatentAsync(IGrainFactory grains, string number) =>
        await grains.GetGrain<IPatentGrain>(number).TryGet() ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");

    private static async Task<LicenseSnapshot> LicenseAsync(IGrainFactory grains, Guid licenseId) =>
        await grains.GetGrain<ILicenseGrain>(licenseId).TryGet() ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {licenseId} does not exist.", "royaltyLicenses");
}
