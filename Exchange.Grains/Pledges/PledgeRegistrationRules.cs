using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>The valuation the pledge relies on: who valued the collateral, when, at how much, and in which report.</summary>
[GenerateSerializer, Immutable]
public sealed record Appraisal(
    [property: Id(0)] Money Value,
    [property: Id(1)] string Appraiser,
    [property: Id(2)] DateOnly ValuedOn,
    [property: Id(3)] string ReportReference);

/// <summary>What the review needs to know of one pledged patent, read from the patent when the review decides.</summary>
/// <param name="PledgedBy">Another pledge that holds the patent, if any.</param>
/// <param name="UnderPreservationOrder">A court's preservation order (财产保全) freezes the patent.</param>
/// <param name="InvalidationRequested">An invalidation request against the patent awaits its decision.</param>
[GenerateSerializer, Immutable]
public sealed record CollateralPatent(
    [property: Id(0)] string ApplicationNumber,
    [property: Id(1)] LegalStatus LegalStatus,
    [property: Id(2)] DateOnly LastDayOfTerm,
    [property: Id(3)] IReadOnlyList<Guid> OwnerIds,
    [property: Id(4)] Guid? PledgedBy,
    [property: Id(5)] bool UnderPreservationOrder,
    [property: Id(6)] bool InvalidationRequested);

/// <summary>A pledged licence's royalty receivables, and whom they are already assigned to (a pool, another pledge), if anyone.</summary>
[GenerateSerializer, Immutable]
/// <param name="Licensors">Who receives the royalties now (the licensed patents' owners): each must consent to pledging them.</param>
public sealed record CollateralRoyalties(
    [property: Id(0)] Guid LicenseId,
    [property: Id(1)] string? AssignedTo,
    [property: Id(2)] IReadOnlyList<Guid>? Licensors = null);

/// <summary>The application as the review judges it.</summary>
/// <param name="LoanToValueCap">The largest share of the appraised value the loan may be, as a fraction (0.5 for 50%).</param>
/// <param name="Consents">The owners who consented to the pledge (the pledgors among them).</param>
/// <param name="InvalidationRiskAcknowledged">The pledgor acknowledged the risk of a pending invalidation request.</param>
[GenerateSerializer, Immutable]
public sealed record PledgeReviewFacts(
    [property: Id(0)] Guid PledgeId,
    [property: Id(1)] LoanTerms Loan,
    [property: Id(2)] Appraisal Appraisal,
    [property: Id(3)] decimal LoanToValueCap,
    [property: Id(4)] IReadOnlyList<Guid> Consents,
    [property: Id(5)] bool InvalidationRiskAcknowledged,
    [property: Id(6)] IReadOnlyList<CollateralPatent> Patents,
    [property: Id(7)] IReadOnlyList<CollateralRoyalties> Royalties,
    [property: Id(8)] Guid? PledgeeId = null);

/// <summary>One reason the review refuses to register the pledge.</summary>
[GenerateSerializer, Immutable]
public sealed record PledgeRefusal([property: Id(0)] DomainError Error, [property: Id(1)] string Reason);

/// <summary>
/// Whether a pledge may be registered (domain.md §6; CNIPA's pledge registration measures, Civil Code Art. 444):
/// every reason to refuse, each worded for the parties, so that a refusal gives all its reasons at once. Annual fees
/// must be paid (not merely within the grace period); a patent is pledged once at a time; the loan matures before
/// any pledged patent expires; every co-owner consents; the loan stays within the loan-to-value cap of the
/// appraisal; no pledged patent is under a preservation order; one under an invalidation request only with the
/// pledgor's acknowledgement of the risk; pledged royalties are not already assigned elsewhere.
/// </summary>
public static class PledgeRegistrationRules
{
    public static IReadOnlyList<PledgeRefusal> Refusals(PledgeReviewFacts facts)
    {
        var refusals = new List<PledgeRefusal>();
        var maturity = facts.Loan.Maturity;
        foreach (var patent in facts.Patents)
        {
            if (PatentLifecycle.OwesOverdueFee(patent.LegalStatus))
            {
                refusals.Add(new(DomainErrors.PledgeFeeUnpaid, $"Patent {patent.ApplicationNumber} has an annual fee unpaid (it is in its grace period); pay it before the pledge is registered."));
            }
            else if (!PatentLifecycle.IsInForceStatus(patent.LegalStatus))
            {
                refusals.Add(new(DomainErrors.PatentNotInForce, $"Patent {patent.ApplicationNumber} is not in force; only a patent in force can be pledged."));
            }
            if (patent.PledgedBy is { } other && other != facts.PledgeId)
            {
                refusals.Add(new(DomainErrors.PatentAlreadyPledged, $"Patent {patent.ApplicationNumber} is already pledged (pledge {other}); it can secure one loan at a time."));
            }
            if (maturity > patent.LastDayOfTerm)
            {
                refusals.Add(new(DomainErrors.LoanOutlivesPatent, $"The loan matures on {maturity:yyyy-MM-dd}, after patent {patent.ApplicationNumber} expires on {patent.LastDayOfTerm:yyyy-MM-dd}."));
            }
            var missing = patent.OwnerIds.Except(facts.Consents).ToArray();
            if (missing.Length > 0)
            {
                var who = missing.Length == 1 ? $"co-owner {missing[0]} has" : $"co-owners {string.Join(", ", missing)} have";
                refusals.Add(new(DomainErrors.CoOwnerConsentMissing, $"Patent {patent.ApplicationNumber}: {who} not consented to the pledge."));
            }
            if (patent.UnderPreservationOrder)
            {
                refusals.Add(new(DomainErrors.PatentUnderPreservation, $"Patent {patent.ApplicationNumber} is frozen by a court's preservation order and cannot be pledged."));
            }
            if (patent.InvalidationRequested && !facts.InvalidationRiskAcknowledged)
            {
                refusals.Add(new(DomainErrors.InvalidationRiskUnacknowledged, $"Patent {patent.ApplicationNumber} faces an invalidation request; the pledgor must acknowledge that risk before it is pledged."));
            }
        }
        foreach (var royalties in facts.Royalties.Where(r => r.AssignedTo is not null && r.AssignedTo != PledgeAssignee(facts.PledgeId)))
        {
            refusals.Add(new(DomainErrors.RoyaltiesAlreadyAssigned, $"The royalties of licence {royalties.LicenseId} are already assigned to {royalties.AssignedTo}."));
        }
        foreach (var royalties in facts.Royalties)
        {
            var missing = (royalties.Licensors ?? []).Except(facts.Consents).ToArray();
            if (missing.Length > 0)
            {
                refusals.Add(new(DomainErrors.CoOwnerConsentMissing, $"The royalties of licence {royalties.LicenseId}: licensor{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)} not consented to pledging them."));
            }
        }
        if (facts.PledgeeId is { } pledgee && !facts.Consents.Contains(pledgee))
        {
            refusals.Add(new(DomainErrors.PledgeeSignatureMissing, $"The pledgee {pledgee} has not signed the application."));
        }
        var cap = LargestLoan(facts.Appraisal.Value, facts.LoanToValueCap);
        if (facts.Loan.Principal > cap)
        {
            refusals.Add(new(DomainErrors.LoanAboveValueCap, $"The loan of {facts.Loan.Principal} exceeds {facts.LoanToValueCap:0.##%} of the collateral's appraised {facts.Appraisal.Value}: at most {cap}."));
        }
        return refusals;
    }

    /// <summary>Refuses with the first reason, naming how many there are; the review itself records them all.</summary>
    /// <exception cref="DomainException">The pledge cannot be registered.</exception>
    public static void EnsureRegistrable(PledgeReviewFacts facts)
    {
        var refusals = Refusals(facts);
        if (refusals.Count > 0)
        {
            var more = refusals.Count > 1 ? $" ({refusals.Count - 1} more reason{(refusals.Count > 2 ? "s" : "")} in the review.)" : "";
            throw new DomainException(refusals[0].Error, refusals[0].Reason + more);
        }
    }

    /// <summary>The largest principal the cap allows on the appraised value, to the fen below.</summary>
    public static Money LargestLoan(Money appraisedValue, decimal loanToValueCap) => new((long)Math.Floor(appraisedValue.Fen * loanToValueCap));

    /// <summary>How a royalty assignment names this pledge, so that its own assignment is not a conflict.</summary>
    public static string PledgeAssignee(Guid pledgeId) => $"pledge:{pledgeId:N}";
}
