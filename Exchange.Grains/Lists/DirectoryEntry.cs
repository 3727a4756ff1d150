namespace Exchange.Grains.Lists;

/// <summary>
/// One object of the exchange as its lists show it: what it is, its status, a title, and who it concerns. Every
/// grain that owns a kind of object keeps its entry current through its follow-ups (<see cref="UpsertDirectoryEntry"/>);
/// the API's lists of "one's own things" read these entries, filtered by party.
/// </summary>
/// <param name="Kind">One of <see cref="DirectoryKinds"/>.</param>
/// <param name="ObjectId">The object's key: a participant, licence, listing or transfer id (32 hex digits), or an application number.</param>
/// <param name="Status">The object's status as the API spells it (camelCase).</param>
[GenerateSerializer, Immutable]
public sealed record DirectoryEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string ObjectId,
    [property: Id(2)] string Status,
    [property: Id(3)] string Title,
    [property: Id(4)] IReadOnlyList<DirectoryParty> Parties,
    [property: Id(5)] DateTimeOffset UpdatedAt)
{
    /// <summary>What the entry says, without when: an unchanged entry is not written again.</summary>
    public string Content => string.Join('|', [Kind, ObjectId, Status, Title, .. Parties.Select(p => $"{p.Relation}:{p.Party}:{p.Lasting}").Order(StringComparer.Ordinal)]);
}

/// <summary>
/// Whom an object concerns, and how. A current party (an owner, an agency) is replaced with every write of the entry;
/// a lasting one (a bidder, a buyer, a seller) stays a party of the object for good, even when the object no longer
/// keeps them in its live state.
/// </summary>
/// <param name="Party">A participant id (32 hex digits), or <c>patent:</c> and an application number.</param>
[GenerateSerializer, Immutable]
public sealed record DirectoryParty([property: Id(0)] string Party, [property: Id(1)] string Relation, [property: Id(2)] bool Lasting = false)
{
    public static DirectoryParty Participant(Guid participantId, string relation, bool lasting = false) => new(participantId.ToString("N"), relation, lasting);

    public static DirectoryParty Patent(string applicationNumber) => new(PatentParty(applicationNumber), DirectoryRelations.Patent, Lasting: true);

    public static string PatentParty(string applicationNumber) => "patent:" + applicationNumber;

    /// <summary>
    /// A registration still to be confirmed against the patent office's record concerns the office (the operator checks
    /// it there): a current party, gone from the entry once the record is confirmed.
    /// </summary>
    public static readonly DirectoryParty PatentOfficeToConfirm = new("patent-office", DirectoryRelations.ToConfirm);

    /// <summary>A pool open for subscription concerns the market (every investor may browse it): a current party, gone once the window closes.</summary>
    public static readonly DirectoryParty PoolMarket = new("pool-market", DirectoryRelations.Offered);
}

public static class DirectoryKinds
{
    public const string Participant = "participant";
    public const string Patent = "patent";
    public const string License = "license";
    public const string Listing = "listing";
    public const string PatentTransfer = "patent-transfer";
    public const string Pledge = "pledge";
    public const string Pool = "pool";
}

public static class DirectoryRelations
{
    public const string Self = "self";
    public const string Owner = "owner";
    public const string Agency = "agency";
    public const string Licensee = "licensee";
    public const string Bidder = "bidder";
    public const string Buyer = "buyer";
    public const string Seller = "seller";
    public const string Patent = "patent";
    public const string Pledgee = "pledgee";
    public const string Pledgor = "pledgor";
    public const string ToConfirm = "to-confirm";
    public const string Originator = "originator";
    public const string Investor = "investor";
    public const string Offered = "offered";
}

public static class DirectoryStatus
{
    /// <summary>A status as the API's JSON spells it: the enum member's name in camelCase.</summary>
    public static string Of<TStatus>(TStatus status) where TStatus : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
