namespace Exchange.Grains.Patents;

/// <summary>
/// A patent's bibliographic record as stored: its own type, not the registration request (renaming a request field
/// must not break stored rows). The JSON property names are the storage contract.
/// </summary>
public sealed record PatentRecord(
    string ApplicationNumber,
    string Title,
    string Abstract,
    IReadOnlyList<string> IpcClasses,
    DateOnly FilingDate,
    IReadOnlyList<PatentOwner> Owners,
    IReadOnlyList<Inventor> Inventors)
{
    public static PatentRecord From(RegisterPatent validated) =>
        new(validated.ApplicationNumber, validated.Title, validated.Abstract, validated.IpcClasses, validated.FilingDate, validated.Owners, validated.Inventors);

    /// <summary>The same record (record equality compares list references, not contents).</summary>
    public bool Matches(PatentRecord other) =>
        ApplicationNumber == other.ApplicationNumber && Title == other.Title && Abstract == other.Abstract && FilingDate == other.FilingDate
        && IpcClasses.SequenceEqual(other.IpcClasses) && Owners.SequenceEqual(other.Owners) && Inventors.SequenceEqual(other.Inventors);
}
