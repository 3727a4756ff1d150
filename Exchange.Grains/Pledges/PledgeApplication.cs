using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Grains.Pledges;

/// <summary>
/// The documents the pledge registration measures ask for, by reference (the files live with the parties and the
/// office): the application form signed by both parties, the pledge contract, their identity documents, and the power
/// of attorney where an agent acts. The valuation report is the appraisal's.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PledgeDocuments(
    [property: Id(0)] string ApplicationForm,
    [property: Id(1)] string PledgeContract,
    [property: Id(2)] string IdentityDocuments,
    [property: Id(3)] string? PowerOfAttorney = null);

/// <summary>
/// A pledge as its parties apply for it: the pledgee (a bank), the collateral (patents and/or the royalty receivables
/// of named licences), the appraisal and loan-to-value cap, the secured loan, the grace days before default, how the
/// application reached the office, its documents, and the agent acting where one does.
/// </summary>
/// <param name="ForeignPartyWithoutDomicile">A party has no habitual residence or business office in China: it must act through a Chinese patent agency (Patent Law Art. 18).</param>
[GenerateSerializer, Immutable]
public sealed record PledgeApplication(
    [property: Id(0)] Guid PledgeeId,
    [property: Id(1)] IReadOnlyList<string> ApplicationNumbers,
    [property: Id(2)] IReadOnlyList<Guid> RoyaltyLicenses,
    [property: Id(3)] Appraisal Appraisal,
    [property: Id(4)] decimal LoanToValueCap,
    [property: Id(5)] LoanTerms Loan,
    [property: Id(6)] int GraceDays,
    [property: Id(7)] ApplicationChannel Channel,
    [property: Id(8)] PledgeDocuments Documents,
    [property: Id(9)] bool InvalidationRiskAcknowledged = false,
    [property: Id(10)] Guid? AgentId = null,
    [property: Id(11)] bool ForeignPartyWithoutDomicile = false)
{
    public bool PledgesRoyalties => RoyaltyLicenses.Count > 0;
}

/// <summary>What an application must hold before it is accepted for review: each rule refused with the field it concerns.</summary>
public static class PledgeApplicationRules
{
    public const int MaxPatents = 20;
    public const int MaxLicenses = 20;
    public const int MaxGraceDays = 90;

    /// <summary>The application with its numbers in the office's spelling, or the first thing wrong with it.</summary>
    /// <exception cref="DomainException">invalid-input, invalid-amount, invalid-application-number or pledge-document-missing.</exception>
    public static PledgeApplication Validate(PledgeApplication application, DateOnly today)
    {
        var numbers = (application.ApplicationNumbers ?? []).Select(n => ApplicationNumber.Parse(n).ToString()).ToArray();
        var licences = application.RoyaltyLicenses ?? [];
        if (numbers.Length + licences.Count == 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A pledge needs collateral: one or more patents, the royalties of one or more licences, or both.", "applicationNumbers");
        }
        if (numbers.Length > MaxPatents || numbers.Distinct().Count() != numbers.Length)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A pledge takes 1 to {MaxPatents} different patents.", "applicationNumbers");
        }
        if (licences.Count > MaxLicenses || licences.Distinct().Count() != licences.Count || licences.Contains(Guid.Empty))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A pledge takes the royalties of up to {MaxLicenses} different licences.", "royaltyLicenses");
        }
        LoanSchedule.Validate(application.Loan);
        var appraisal = application.Appraisal ?? throw new DomainException(DomainErrors.InvalidInput, "The collateral's appraisal is required.", "appraisal");
        if (appraisal.Value.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, "The appraised value must be more than nothing.", "appraisal.value");
        }
        if (appraisal.ValuedOn > today || appraisal.ValuedOn < today.AddYears(-1))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The appraisal must be dated within the year before the application, not {appraisal.ValuedOn:yyyy-MM-dd}.", "appraisal.valuedOn");
        }
        var appraiser = PatentRules.Reference(appraisal.Appraiser, "appraisal.appraiser", "appraiser");
        var report = Required(appraisal.ReportReference, "appraisal.reportReference", "valuation report");
        if (application.LoanToValueCap is <= 0 or > 1)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The loan-to-value cap is a fraction above 0 and at most 1, such as 0.5 for 50%; {application.LoanToValueCap} is not.", "loanToValueCap");
        }
        if (application.GraceDays is < 0 or > MaxGraceDays)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Grace days before default are 0 to {MaxGraceDays}; {application.GraceDays} is not.", "graceDays");
        }
        if (!Enum.IsDefined(application.Channel))
        {
            throw new DomainException(DomainErrors.InvalidInput, "The application is filed online or on paper.", "channel");
        }
        var documents = application.Documents ?? throw new DomainException(DomainErrors.PledgeDocumentMissing, "The registration documents are required.", "documents");
        if (application.ForeignPartyWithoutDomicile && application.AgentId is null)
        {
            throw new DomainException(DomainErrors.PledgeDocumentMissing,
                "A party without domicile in China acts through a Chinese patent agency (Patent Law Art. 18): name the agency as agent.", "agentId");
        }
        var attorney = application.AgentId is null ? null : Required(documents.PowerOfAttorney, "documents.powerOfAttorney", "power of attorney (an agent acts)");
        return application with
        {
            ApplicationNumbers = numbers,
            RoyaltyLicenses = licences.ToArray(),
            Appraisal = appraisal with { Appraiser = appraiser, ReportReference = report },
            Documents = new PledgeDocuments(
                Required(documents.ApplicationForm, "documents.applicationForm", "application form signed by both parties"),
                Required(documents.PledgeContract, "documents.pledgeContract", "pledge contract"),
                Required(documents.IdentityDocuments, "documents.identityDocuments", "identity documents"),
                attorney),
        };
    }

    private static string Required(string? reference, string field, string what) =>
        string.IsNullOrWhiteSpace(reference)
            ? throw new DomainException(DomainErrors.PledgeDocumentMissing, $"The {what} is required, by its reference.", field)
            : PatentRules.Reference(reference, field, what);
}

/// <summary>Whether a repeated application is the one recorded (lists compared by content, not by reference).</summary>
public static class PledgeApplicationComparison
{
    public static bool Same(PledgeApplication a, PledgeApplication b) =>
        a with { ApplicationNumbers = Array.Empty<string>(), RoyaltyLicenses = Array.Empty<Guid>() } == b with { ApplicationNumbers = Array.Empty<string>(), RoyaltyLicenses = Array.Empty<Guid>() }
        && a.ApplicationNumbers.SequenceEqual(b.ApplicationNumbers) && a.RoyaltyLicenses.SequenceEqual(b.RoyaltyLicenses);
}
