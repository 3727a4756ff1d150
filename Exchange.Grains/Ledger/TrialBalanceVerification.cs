namespace Exchange.Grains.Ledger;

/// <summary>
/// The maintained trial balance (read from the running balance snapshots) beside the same totals recomputed from
/// every posting line, taken from one consistent view of the ledger. They agree unless a snapshot drifted from its
/// lines, which would be a defect of the exchange: <see cref="Discrepancies"/> then names the accounts.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrialBalanceVerification(
    [property: Id(0)] TrialBalance Maintained,
    [property: Id(1)] TrialBalance Recomputed,
    [property: Id(2)] IReadOnlyList<AccountDiscrepancy> Discrepancies)
{
    /// <summary>How many differing accounts a verification names at most; the totals show the rest.</summary>
    public const int MaxDiscrepancies = 20;

    public bool Agrees => Maintained == Recomputed && Discrepancies.Count == 0;
}

/// <summary>An account whose snapshot differs from the sum of its lines.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountDiscrepancy(
    [property: Id(0)] string AccountId,
    [property: Id(1)] long SnapshotAvailableFen,
    [property: Id(2)] long SnapshotReservedFen,
    [property: Id(3)] long LinesAvailableFen,
    [property: Id(4)] long LinesReservedFen);
