using Exchange.Grains.Common;
using Exchange.Grains.Patents;

namespace Exchange.Api.Patents;

/// <summary>An owner's share in percent, at most two decimals; the shares of a patent add up to 100.</summary>
public sealed record OwnerShareRequest(Guid ParticipantId, [property: Percent(100, AboveZero = true)] decimal SharePercent);

/// <summary>
/// An inventor. Whether the invention is a service invention (Patent Law Art. 6) is stated, never assumed: it decides
/// whether the inventor's remuneration is carved out of royalties.
/// </summary>
public sealed record InventorRequest([property: Text(PatentRules.MaxInventorNameLength)] string Name, bool IsServiceInvention, Guid? EmployerParticipantId = null, Guid? ParticipantId = null);

/// <summary>A patent application to record: number (with check character; a ZL prefix is accepted), bibliographic data, owners, inventors.</summary>
public sealed record RegisterPatentRequest(
    [property: ApplicationNumberText] string ApplicationNumber,
    [property: Text(PatentRules.MaxTitleLength)] string Title,
    [property: Items(1, PatentRules.MaxIpcClasses, ItemMaxLength = RegisterPatentRequest.MaxIpcClassLength, ItemPattern = PatentRules.IpcClassPattern)] string[] IpcClasses,
    DateOnly FilingDate,
    // Each owner holds at least 0.01%, so there are at most as many owners as basis points in the whole.
    [property: Items(1, PatentRules.FullShare)] OwnerShareRequest[] Owners,
    [property: Items(1, PatentRules.MaxInventors)] InventorRequest[] Inventors,
    [property: Text(PatentRules.MaxAbstractLength, Optional = true, Multiline = true)] string? Abstract = null)
{
    /// <summary>The longest IPC class the pattern admits: "H01M 1234/123456".</summary>
    public const int MaxIpcClassLength = 16;

    /// <summary>An invention application owned wholly by the platform operator, who may register patents for anyone.</summary>
    public static RegisterPatentRequest Example => new("201710601862.3", "Solid-state lithium battery electrolyte with a garnet-type ceramic layer",
        ["H01M 10/0562", "H01M 10/052"], new DateOnly(2017, 8, 14), [new OwnerShareRequest(Infrastructure.PlatformBootstrap.OperatorId, 100m)],
        [new InventorRequest("Li Wei", IsServiceInvention: false)], "A composite electrolyte in which a garnet-type ceramic layer suppresses lithium dendrites.");

    public RegisterPatent ToDomain()
    {
        if ((Owners ?? []).Any(o => o is null) || (Inventors ?? []).Any(i => i is null) || (IpcClasses ?? []).Any(c => c is null))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Owners, inventors and IPC classes are lists without null entries.", "owners");
        }
        var owners = (Owners ?? []).Select(o => new PatentOwner(o.ParticipantId, PatentResponse.BasisPoints(o.SharePercent))).ToArray();
        return new RegisterPatent(Grains.Patents.ApplicationNumber.Parse(ApplicationNumber).ToString(), Title, Abstract ?? "", IpcClasses ?? [], FilingDate, owners,
            (Inventors ?? []).Select(i => new Inventor(i.Name, i.IsServiceInvention, i.EmployerParticipantId, i.ParticipantId)).ToArray());
    }
}

public sealed record GrantPatentRequest(DateOnly GrantDate)
{
    public static GrantPatentRequest Example => new(new DateOnly(2020, 3, 27));
}

/// <summary>The patent office record the operator checked the registration against (its reference).</summary>
public sealed record ConfirmRegistrationRequest([property: Text(PatentRules.MaxReferenceLength)] string OfficeRecord)
{
    public static ConfirmRegistrationRequest Example => new("CNIPA register extract 2024-0815-0031");
}

/// <summary>The registration as the patent office records it, and why it is corrected.</summary>
public sealed record CorrectRegistrationRequest(RegisterPatentRequest Registration, [property: Text(PatentRules.MaxReferenceLength)] string Reason)
{
    public static CorrectRegistrationRequest Example => new(RegisterPatentRequest.Example, "owners as in the CNIPA register extract of 2024-08-15");
}

public sealed record PayAnnualFeeRequest([property: Whole(1, PatentTerm.MaxYears)] int PatentYear)
{
    public static PayAnnualFeeRequest Example => new(4);
}

/// <summary>A court's preservation order freezing the patent, by its reference; <c>lifted</c> records that the order was lifted.</summary>
public sealed record PreservationOrderRequest([property: Text(PatentRules.MaxReferenceLength)] string CourtReference, bool Lifted = false)
{
    public static PreservationOrderRequest Example => new("(2026) Jing 73 Zhi Bao No. 118");
}

/// <summary>An invalidation request pending before the office, by its reference; <c>withdrawn</c> records that it no longer is.</summary>
public sealed record InvalidationRequestNotice([property: Text(PatentRules.MaxReferenceLength)] string RequestReference, bool Withdrawn = false)
{
    public static InvalidationRequestNotice Example => new("CNIPA invalidation request 4W118307");
}

public sealed record InvalidationRequest([property: Text(PatentRules.MaxReferenceLength)] string DecisionReference)
{
    public static InvalidationRequest Example => new("CNIPA invalidation decision No. 56789");
}

public sealed record OwnerShareResponse(Guid ParticipantId, decimal SharePercent);

public sealed record NextAnnualFeeResponse(int PatentYear, DateOnly DueDate, DateOnly GraceEnds, decimal FullFee);

public sealed record PatentResponse(
    string ApplicationNumber,
    string? GrantedNumber,
    PatentKind Kind,
    string Title,
    string Abstract,
    IReadOnlyList<string> IpcClasses,
    DateOnly FilingDate,
    DateOnly? GrantDate,
    DateOnly LastDayOfTerm,
    IReadOnlyList<OwnerShareResponse> Owners,
    IReadOnlyList<Inventor> Inventors,
    LegalStatus LegalStatus,
    IReadOnlyList<int> PaidFeeYears,
    NextAnnualFeeResponse? NextFee,
    DateOnly? LapsedFrom,
    DateOnly? LapseNoticeDate,
    IReadOnlyList<Mandate> Mandates,
    IReadOnlyList<Guid> OpenListings,
    IReadOnlyList<Encumbrance> Encumbrances,
    string? InvalidationDecision,
    bool Tradable,
    string? OfficeRecord,
    IReadOnlyList<Guid> OwnershipConfirmedBy,
    string? PreservationOrder,
    string? InvalidationRequest)
{
    public static PatentResponse From(PatentSnapshot p) => new(
        // Only a granted patent has a patent number (ZL…); an application has only its application number.
        p.ApplicationNumber, p.GrantDate is null ? null : "ZL" + p.ApplicationNumber, p.Kind, p.Title, p.Abstract, p.IpcClasses, p.FilingDate, p.GrantDate, p.LastDayOfTerm,
        p.Owners.Select(o => new OwnerShareResponse(o.ParticipantId, o.ShareBasisPoints / 100m)).ToArray(), p.Inventors, p.LegalStatus, p.PaidFeeYears,
        p.NextFee is { } f ? new NextAnnualFeeResponse(f.PatentYear, f.DueDate, f.GraceEnds, f.FullFee.Yuan) : null, p.LapsedFrom, p.LapseNoticeDate,
        p.Mandates, p.OpenListings, p.Encumbrances, p.InvalidationDecision, p.IsTradable, p.OfficeRecord, p.OwnerConfirmations ?? [],
        p.PreservationOrder, p.InvalidationRequest);

    public static int BasisPoints(decimal percent)
    {
        // Range first: multiplying an absurd percentage by 100 would overflow before the check could speak.
        if (percent <= 0 || percent > 100 || percent * 100m != decimal.Truncate(percent * 100m))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A share is a percentage above 0 and at most 100 with at most two decimals, not {percent}.", "owners");
        }
        return (int)(percent * 100m);
    }
}

/// <summary>
/// An application number as typed, judged by the exchange's rule. <c>Suggestion</c> is the number with the check
/// character its digits give, when only the check character is wrong or missing.
/// </summary>
/// <param name="Number">The text as sent.</param>
/// <param name="Valid">Whether the exchange takes it as an application number.</param>
/// <param name="ApplicationNumber">The canonical form (no prefix, upper-case X), when valid.</param>
/// <param name="Kind">The kind its kind digit names, when valid.</param>
/// <param name="Suggestion">The number the digits give, when only the check character is wrong or missing.</param>
/// <param name="Problem">Why it is not an application number, when it is not.</param>
public sealed record ApplicationNumberCheckResponse(string Number, bool Valid, string? ApplicationNumber, PatentKind? Kind, string? Suggestion, string? Problem)
{
    /// <summary>Longer text than the longest number with a prefix and spaces around it is no application number.</summary>
    public const int MaxLength = 40;

    public static ApplicationNumberCheckResponse Of(string number) =>
        Grains.Patents.ApplicationNumber.TryParse(number, out var parsed, out var problem)
            ? new(number, true, parsed.ToString(), parsed.Kind, null, null)
            : new(number, false, null, null, Grains.Patents.ApplicationNumber.SuggestCorrection(number), problem);
}

/// <summary>What paying the next annual fee costs today, as the payment takes it.</summary>
/// <param name="PatentYear">The patent year the fee is for.</param>
/// <param name="DueDate">When it falls due.</param>
/// <param name="GraceEnds">The last day of the six-month grace period: unpaid then, the patent lapses from the due date.</param>
/// <param name="FullFee">The fee on the schedule.</param>
/// <param name="Reduction">Taken off the full fee when every owner qualifies for the fee reduction (费减), in the first ten fees from grant.</param>
/// <param name="LateMonths">Whole months since the due date.</param>
/// <param name="Surcharge">5% of the full fee for each whole month late.</param>
/// <param name="Payable">What the payment takes: the full fee less the reduction, plus the surcharge.</param>
public sealed record AnnualFeeDueResponse(int PatentYear, DateOnly DueDate, DateOnly GraceEnds, decimal FullFee, decimal Reduction, int LateMonths, decimal Surcharge, decimal Payable)
{
    public static AnnualFeeDueResponse From(AnnualFeeDue fee) => new(fee.PatentYear, fee.DueDate, fee.GraceEnds, fee.FullFee.Yuan, (fee.FullFee - fee.ReducedFee).Yuan,
        fee.LateMonths, fee.Surcharge.Yuan, fee.Payable.Yuan);
}
