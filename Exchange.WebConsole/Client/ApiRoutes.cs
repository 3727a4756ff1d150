namespace Exchange.WebConsole.Client;

/// <summary>The API operations the console uses; <c>ConsoleApiClientTests</c> checks each against /swagger/v1/swagger.json.</summary>
public static partial class ApiRoutes
{
    public static readonly ApiRoute MintDevToken = new("MintDevToken", "POST", "/dev/tokens") { Keyed = false };
    public static readonly ApiRoute GetMe = new("GetMe", "GET", "/api/me");
    public static readonly ApiRoute ListParticipants = new("ListParticipants", "GET", "/api/participants", "status", "after", "limit");
    public static readonly ApiRoute GetParticipant = new("GetParticipant", "GET", "/api/participants/{participantId}");
    public static readonly ApiRoute DecideKyc = new("DecideKyc", "POST", "/api/participants/{participantId}/kyc");
    public static readonly ApiRoute GetAccount = new("GetAccount", "GET", "/api/accounts/{participantId}");
    public static readonly ApiRoute GetStatement = new("GetStatement", "GET", "/api/accounts/{participantId}/statement", "after", "limit");
    public static readonly ApiRoute RecordDeposit = new("RecordDeposit", "POST", "/api/accounts/{participantId}/deposits");
    public static readonly ApiRoute Withdraw = new("Withdraw", "POST", "/api/accounts/{participantId}/withdrawals");
    public static readonly ApiRoute ListPatents = new("ListPatents", "GET", "/api/patents", "participant", "as", "status", "registration", "after", "limit");
    public static readonly ApiRoute GetPatent = new("GetPatent", "GET", "/api/patents/{applicationNumber}");
    public static readonly ApiRoute ConfirmPatentRegistration = new("ConfirmPatentRegistration", "POST", "/api/patents/{applicationNumber}/registration-confirmation");
    public static readonly ApiRoute SearchListings = new("SearchListings", "GET", "/api/listings", "ipc", "keyword", "licenseType", "minPrice", "maxPrice", "status", "after", "limit");
    public static readonly ApiRoute ListLicenses = new("ListLicenses", "GET", "/api/licenses", "as", "status", "after", "limit");
    public static readonly ApiRoute GetLicense = new("GetLicense", "GET", "/api/licenses/{licenseId}");
    public static readonly ApiRoute ReportNetSales = new("ReportNetSales", "POST", "/api/licenses/{licenseId}/royalty-reports");
    public static readonly ApiRoute PayRoyalty = new("PayRoyalty", "POST", "/api/licenses/{licenseId}/royalty-reports/{periodIndex}/payment");
    public static readonly ApiRoute OverdueFilings = new("OverdueFilings", "GET", "/api/licenses/filings/overdue", "after", "limit");
    public static readonly ApiRoute GetTrialBalance = new("GetTrialBalance", "GET", "/api/ledger/trial-balance");
    public static readonly ApiRoute VerifyTrialBalance = new("VerifyTrialBalance", "GET", "/api/ledger/trial-balance/verification");
    public static readonly ApiRoute ReadAuditTrail = new("ReadAuditTrail", "GET", "/api/audit/{objectId}", "after", "limit");
    public static readonly ApiRoute DealStatistics = new("DealStatistics", "GET", "/api/market/deals", "ipc", "from", "to");

    // Computed, not stored: the owners' routes are fields of another part of this class, initialized in an order C# does not fix.
    public static IReadOnlyList<ApiRoute> All =>
        [MintDevToken, GetMe, ListParticipants, GetParticipant, DecideKyc, GetAccount, GetStatement, RecordDeposit, Withdraw, ListPatents, GetPatent, ConfirmPatentRegistration, SearchListings, .. OwnerRoutes,
        ListLicenses, GetLicense, ReportNetSales, PayRoyalty, OverdueFilings, GetTrialBalance, VerifyTrialBalance, ReadAuditTrail, DealStatistics, .. PledgeRoutes, .. PoolRoutes];
}
