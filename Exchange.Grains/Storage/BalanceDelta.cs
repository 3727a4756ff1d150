using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// What one commit adds to one row of <c>exchange_account_balances</c>, the running balance snapshot that is
/// written in the same transaction as every posting, so that reading a balance costs the same at any history length.
/// <para>
/// An account's snapshot may be spread over a few rows (shards). The debited account's row is shard
/// <see cref="FencedShard"/>: it holds the fence version, and only that account's grain writes it. Credits to every
/// other account of a posting (a payee, the external account) go to the writer's own shard, so that two group-commit
/// loops crediting one popular payee never wait for each other's row lock: on PostgreSQL a batch holds its row locks
/// until its commit is flushed, and a shared payee row would make the loops take turns. Balances and totals are sums
/// over an account's shards.
/// </para>
/// </summary>
internal readonly record struct BalanceDelta(string AccountId, short Shard, long AvailableFen, long ReservedFen)
{
    public const short FencedShard = 0;

    /// <summary>
    /// The commit's lines summed per row: the debited account's lines on its fenced row (first), every other account's
    /// on <paramref name="creditShard"/>, those in ordinal order of account id (the order every writer locks them in).
    /// </summary>
    public static (BalanceDelta Fenced, IReadOnlyList<BalanceDelta> Credits) Of(LedgerCommit commit, short creditShard)
    {
        var fencedAccount = commit.Fence.AccountId;
        var fenced = new BalanceDelta(fencedAccount, FencedShard, 0, 0);
        var credits = new SortedDictionary<string, BalanceDelta>(StringComparer.Ordinal);
        foreach (var line in commit.Posting.Lines)
        {
            if (line.AccountId == fencedAccount)
            {
                fenced = fenced.Add(line);
            }
            else
            {
                credits[line.AccountId] = credits.GetValueOrDefault(line.AccountId, new BalanceDelta(line.AccountId, creditShard, 0, 0)).Add(line);
            }
        }
        return (fenced, credits.Values.ToArray());
    }

    public BalanceDelta Add(PostingLine line) => line.Bucket == Bucket.Available
        ? this with { AvailableFen = checked(AvailableFen + line.AmountFen) }
        : this with { ReservedFen = checked(ReservedFen + line.AmountFen) };

    public BalanceDelta Add(BalanceDelta other) =>
        this with { AvailableFen = checked(AvailableFen + other.AvailableFen), ReservedFen = checked(ReservedFen + other.ReservedFen) };
}
