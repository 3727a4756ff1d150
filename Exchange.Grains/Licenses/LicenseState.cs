namespace Exchange.Grains.Licenses;

[GenerateSerializer]
internal sealed class LicenseState
{
    [Id(0)] public int SchemaVersion { get; set; } = 1;
    [Id(1)] public DraftLicense? Draft { get; set; }
    [Id(2)] public List<Guid> Licensors { get; set; } = [];
    [Id(3)] public LicenseScope? Scope { get; set; }
    [Id(4)] public LicenseStatus Status { get; set; }
    [Id(5)] public List<Guid> RequiredConsents { get; set; } = [];
    [Id(6)] public SortedSet<Guid> Consents { get; set; } = [];
    [Id(7)] public List<RoyaltyInvoice> Invoices { get; set; } = [];
    [Id(8)] public DateOnly? EffectiveOn { get; set; }
    [Id(9)] public DateOnly? FiledOn { get; set; }
    [Id(10)] public string? FilingReference { get; set; }
    [Id(11)] public string IpcSubclass { get; set; } = "";
    [Id(12)] public RoyaltyAssignment? RoyaltyAssignment { get; set; }
}
