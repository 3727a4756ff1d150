using System.Text.RegularExpressions;
using Exchange.Grains.Common;

namespace Exchange.Grains.Patents;

/// <summary>Validation of a patent's bibliographic data before it is recorded.</summary>
public static partial class PatentRules
{
    public const int MaxTitleLength = 500;
    public const int MaxAbstractLength = 5_000;
    public const int FullShare = 10_000;
    public const int MaxIpcClasses = 50;
    public const int MaxInventors = 100;
    public const int MaxInventorNameLength = 200;
    public const int MaxReferenceLength = 100;

    /// <summary>Section, class, subclass, then an optional main group/subgroup: "H01M", "H01M 10/052", "G06F17/30".</summary>
    public const string IpcClassPattern = @"^[A-H]\d{2}[A-Z](\s?\d{1,4}/\d{2,6})?$";

    public static (ApplicationNumber Number, RegisterPatent Registration) Validate(RegisterPatent command)
    {
        var number = ApplicationNumber.Parse(command.ApplicationNumber);
        var title = TextRules.Required(command.Title, "title", "title", MaxTitleLength);
        var summary = TextRules.Optional(command.Abstract, "abstract", "abstract", MaxAbstractLength, multiline: true);
        var ipc = (command.IpcClasses ?? []).Select(c => c?.Trim().ToUpperInvariant() ?? "").ToArray();
        if (ipc.Length == 0 || ipc.Length > MaxIpcClasses || ipc.Any(c => !IpcClass().IsMatch(c)))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Give 1–{MaxIpcClasses} IPC classes such as \"H01M 10/052\" or \"A61K\".", "ipcClasses");
        }
        if (command.FilingDate.Year != number.FilingYear)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Application {number} was filed in {number.FilingYear}, not {command.FilingDate.Year}.", "filingDate");
        }
        ValidateOwners(command.Owners);
        var inventors = command.Inventors ?? [];
        if (inventors.Count is 0 or > MaxInventors || inventors.Any(i => i is null))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"1–{MaxInventors} inventors, each with a name of at most {MaxInventorNameLength} characters.", "inventors");
        }
        inventors = inventors.Select(i => i with { Name = TextRules.Required(i.Name, "inventors", "inventor's name", MaxInventorNameLength) }).ToArray();
        if (inventors.Any(i => i.IsServiceInvention && i.EmployerParticipantId is null))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A service invention names the inventor's employer.", "inventors");
        }
        return (number, command with { ApplicationNumber = number.ToString(), Title = title, Abstract = summary, IpcClasses = ipc, Inventors = inventors });
    }

    public static void ValidateGrantDate(DateOnly grantDate, DateOnly filingDate, DateOnly today)
    {
        if (grantDate < filingDate || grantDate > today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"A grant date lies between the filing date {filingDate:yyyy-MM-dd} and today.", "grantDate");
        }
    }

    /// <summary>A reference to a decision or registration of the patent office: 1–100 characters, trimmed.</summary>
    public static string Reference(string? reference, string field, string what) => TextRules.Required(reference, field, what, MaxReferenceLength);

    public static void ValidateOwners(IReadOnlyList<PatentOwner>? owners)
    {
        if (owners is null || owners.Count == 0 || owners.Any(o => o is null))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A patent has at least one owner.", "owners");
        }
        if (owners.Any(o => o.ShareBasisPoints <= 0) || owners.Select(o => o.ParticipantId).Distinct().Count() != owners.Count)
        {
            throw new DomainException(DomainErrors.InvalidInput, "Each owner appears once, with a positive share.", "owners");
        }
        var total = owners.Sum(o => (long)o.ShareBasisPoints);
        if (total != FullShare)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The owners' shares add up to {total / 100m}%, not 100%.", "owners");
        }
    }

    [GeneratedRegex(IpcClassPattern)]
    private static partial Regex IpcClass();
}
