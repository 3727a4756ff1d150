using Exchange.Grains.Audit;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Everything one step of a money movement writes, committed atomically in one database transaction:
/// the posting, the transfer row it advances, the audit entry, and the debited account's version fence.
/// One commit per step is what keeps a transfer at two database writes.
/// </summary>
public sealed record LedgerCommit(
    Posting Posting,
    AccountFence Fence,
    TransferRecord? Transfer,
    AuditEntry Audit,
    DateTimeOffset At);

/// <summary>
/// The debited account's optimistic-concurrency fence: the commit succeeds only if the account's version is
/// still <see cref="ExpectedVersion"/>. Orleans keeps one activation per account almost always; the fence turns
/// the rare duplicate activation during a membership change into a refused write instead of an overdraft.
/// </summary>
public sealed record AccountFence(string AccountId, long ExpectedVersion);

public enum CommitOutcome
{
    Committed,
    DuplicatePosting,
    FenceLost,
}
