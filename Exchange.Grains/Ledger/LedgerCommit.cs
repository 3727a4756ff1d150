using Exchange.Grains.Audit;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Everything one step of a money movement writes, committed atomically in one database transaction:
/// the posting (with who made it and when), the transfer row it advances, the debited account's version fence,
/// and an audit entry where the posting alone does not tell the story.
/// <para>
/// A transfer step carries no audit entry: its posting already records who, what and when, under an id derived
/// from the transfer, and <see cref="TransferAuditTrail"/> reads the transfer's trail from those postings.
/// Writing the same fact twice cost a third of the database's work per transfer (two more rows and four more
/// index entries), measured in docs/benchmarks.md.
/// </para>
/// </summary>
public sealed record LedgerCommit(
    Posting Posting,
    AccountFence Fence,
    TransferRecord? Transfer,
    Guid ActorId,
    DateTimeOffset At,
    AuditEntry? Audit = null);

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
