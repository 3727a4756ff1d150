using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>Sorts line totals into account classes for the trial balance.</summary>
internal sealed class TrialBalanceAccumulator
{
    private long _participantAvailable;
    private long _participantReserved;
    private long _platformEscrow;
    private long _external;
    private long _total;

    public void Add(string accountId, Bucket bucket, long amountFen)
    {
        _total += amountFen;
        if (accountId == AccountId.External)
        {
            _external += amountFen;
        }
        else if (accountId == AccountId.PlatformEscrow)
        {
            _platformEscrow += amountFen;
        }
        else if (bucket == Bucket.Available)
        {
            _participantAvailable += amountFen;
        }
        else
        {
            _participantReserved += amountFen;
        }
    }

    public TrialBalance ToTrialBalance(long postingCount) =>
        new(_total, _participantAvailable, _participantReserved, _platformEscrow, _external, postingCount);
}
