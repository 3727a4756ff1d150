using Exchange.Grains.Audit;
using Exchange.Grains.Idempotency;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Everything one step of a money movement writes, committed atomically in one database transaction:
/// the posting (with who made it and when), the transfer row it advances, the debited account's version fence,
/// the running balances of every account it touches, an audit entry where the posting alone does not tell the
/// story, and the client's Idempotency-Key record when the step is an API command.
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
    AuditEntry? Audit = null,
    IdempotencyStamp? Idempotency = null)
{
    /// <summary>
    /// A reserve or an immediate payment creates the transfer's row; a settle or release updates it. A row that
    /// already exists when one is created means the transfer was made before (a repeat), whatever its postings.
    /// </summary>
    public bool CreatesTransfer => Transfer is not null && Posting.Kind is PostingKind.Reserve or PostingKind.Transfer;
}

/// <summary>
/// The debited account's optimistic-concurrency fence: the commit succeeds only if the account's version is
/// still <see cref="ExpectedVersion"/>. Orleans keeps one activation per account almost always; the fence turns
/// the rare duplicate activation during a membership change into a refused write instead of an overdraft. The
/// version advances by one with every posting the account commits.
/// </summary>
public sealed record AccountFence(string AccountId, long ExpectedVersion);

public enum CommitOutcome
{
    Committed,

    /// <summary>The posting (or the transfer it creates) is already booked: a repeat; nothing was written.</summary>
    DuplicatePosting,

    FenceLost,

    /// <summary>
    /// The commit's Idempotency-Key is already recorded for a different request, or its posting is booked while the
    /// key has no record (it expired): the key was used before for something else. Nothing was written.
    /// </summary>
    IdempotencyKeyReused,
}
