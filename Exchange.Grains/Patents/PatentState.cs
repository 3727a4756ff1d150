namespace Exchange.Grains.Patents;

/// <summary>Storage shape of a patent; never leaves the grain.</summary>
[GenerateSerializer]
internal sealed class PatentState
{
    [Id(0)] public int SchemaVersion { get; set; } = 1;
    [Id(1)] public RegisterPatent? Registration { get; set; }
    [Id(2)] public LegalStatus LegalStatus { get; set; }
    [Id(3)] public DateOnly? GrantDate { get; set; }
    [Id(4)] public SortedSet<int> PaidFeeYears { get; set; } = [];
    [Id(5)] public DateOnly? LapsedFrom { get; set; }
    [Id(6)] public DateOnly? LapseNoticeDate { get; set; }
    [Id(7)] public int TermAdjustmentDays { get; set; }
    [Id(8)] public List<Mandate> Mandates { get; set; } = [];
    [Id(9)] public SortedSet<Guid> OpenListings { get; set; } = [];
    [Id(10)] public Guid? PendingTransfer { get; set; }
    [Id(11)] public List<Guid> CompletedTransfers { get; set; } = [];
    [Id(12)] public string? InvalidationDecision { get; set; }
    [Id(13)] public List<Licenses.LicenseClaim> LicenseClaims { get; set; } = [];
    [Id(14)] public Licenses.OpenLicenseDeclaration? OpenLicense { get; set; }
}
