using System.Globalization;

namespace Exchange.WebConsole.Client;

// Licences and royalties, the staff's ledger and filing views, audit trails and market data.
public sealed partial class ExchangeApiClient
{
    /// <param name="relation"><c>licensee</c> or <c>licensor</c>; null for both.</param>
    public Task<ListPage> ListLicensesAsync(string? relation, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListLicenses, [], Query(("as", relation), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<License> GetLicenseAsync(Guid licenseId, CancellationToken cancel = default) =>
        GetAsync<License>(ApiRoutes.GetLicense, [licenseId.ToString()], null, cancel);

    public Task<RoyaltyInvoice> ReportNetSalesAsync(Guid licenseId, int periodIndex, decimal netSales, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<RoyaltyInvoice>(ApiRoutes.ReportNetSales, [licenseId.ToString()], null, new { periodIndex, netSales }, key, anonymous: false, cancel);

    public Task<RoyaltyInvoice> PayRoyaltyAsync(Guid licenseId, int periodIndex, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<RoyaltyInvoice>(ApiRoutes.PayRoyalty, [licenseId.ToString(), periodIndex.ToString(CultureInfo.InvariantCulture)], null, null, key, anonymous: false, cancel);

    public Task<OverdueFilingPage> OverdueFilingsAsync(string? after, int limit, CancellationToken cancel = default) =>
        GetAsync<OverdueFilingPage>(ApiRoutes.OverdueFilings, [], Query(("after", after), ("limit", Number(limit))), cancel);

    public Task<TrialBalance> GetTrialBalanceAsync(CancellationToken cancel = default) =>
        GetAsync<TrialBalance>(ApiRoutes.GetTrialBalance, [], null, cancel);

    /// <summary>Recomputes every account from every posting line: slow, and slower as the history grows.</summary>
    public Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancel = default) =>
        GetAsync<TrialBalanceVerification>(ApiRoutes.VerifyTrialBalance, [], null, cancel);

    /// <param name="objectId">As the audit trail names objects: <c>participant:{id:N}</c>, <c>patent:{number}</c>, <c>license:{id:N}</c>.</param>
    public Task<AuditPage> ReadAuditTrailAsync(string objectId, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<AuditPage>(ApiRoutes.ReadAuditTrail, [objectId], Query(("after", Number(after)), ("limit", Number(limit))), cancel);

    /// <summary>Deals completed from <paramref name="from"/> up to (not including) <paramref name="to"/>, per IPC subclass and kind.</summary>
    public Task<IReadOnlyList<DealStatistic>> DealStatisticsAsync(string? ipc, DateOnly from, DateOnly to, CancellationToken cancel = default) =>
        GetAsync<IReadOnlyList<DealStatistic>>(ApiRoutes.DealStatistics, [], Query(("ipc", ipc), ("from", IsoDate(from)), ("to", IsoDate(to))), cancel);

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
