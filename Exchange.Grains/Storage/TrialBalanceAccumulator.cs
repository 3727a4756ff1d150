using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// Sorts per-account totals into account classes for the trial balance, and compares two views of the ledger
/// (running snapshots and posting lines) account by account for the verification.
/// </summary>
internal sealed class TrialBalanceAccumulator
{
    private readonly Dictionary<string, (long Available, long Reserved)> _accounts = new(StringComparer.Ordinal);
    private long _participantAvailable;
    private long _participantReserved;
    private long _platformEscrow;
    private long _external;
    private long _total;

    public void Add(string accountId, Bucket bucket, long amountFen) =>
        Add(accountId, bucket == Bucket.Available ? amountFen : 0, bucket == Bucket.Reserved ? amountFen : 0);

    public void Add(string accountId, long availableFen, long reservedFen)
    {
        _total += availableFen + reservedFen;
        if (accountId == AccountId.External)
        {
            _external += availableFen + reservedFen;
        }
        else if (accountId == AccountId.PlatformEscrow)
        {
            _platformEscrow += availableFen + reservedFen;
        }
        else
        {
            _participantAvailable += availableFen;
            _participantReserved += reservedFen;
        }
        var (available, reserved) = _accounts.GetValueOrDefault(accountId);
        _accounts[accountId] = (available + availableFen, reserved + reservedFen);
    }

    public TrialBalance ToTrialBalance(long postingCount) =>
        new(_total, _participantAvailable, _participantReserved, _platformEscrow, _external, postingCount);

    /// <summary>Accounts whose totals differ between <paramref name="snapshots"/> and <paramref name="lines"/>, by account id.</summary>
    public static IReadOnlyList<AccountDiscrepancy> Compare(TrialBalanceAccumulator snapshots, TrialBalanceAccumulator lines) =>
        snapshots._accounts.Keys.Union(lines._accounts.Keys)
            .Select(id => (Id: id, Snapshot: snapshots._accounts.GetValueOrDefault(id), Lines: lines._accounts.GetValueOrDefault(id)))
            .Where(a => a.Snapshot != a.Lines)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Take(TrialBalanceVerification.MaxDiscrepancies)
            .Select(a => new AccountDiscrepancy(a.Id, a.Snapshot.Available, a.Snapshot.Reserved, a.Lines.Available, a.Lines.Reserved))
            .ToArray();
}
