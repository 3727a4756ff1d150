using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// The audit trail of <c>transfer:{id}</c>, read from the ledger rather than the audit table. A transfer's steps
/// are postings with ids derived from the transfer (a held transfer's <c>{id}:reserve</c>, then <c>{id}:settle</c>
/// or <c>{id}:release</c>; an immediate transfer's one <c>{id}:transfer</c>), each stamped with its actor and time in
/// the same commit that moved the money, so the ledger is the trail: nothing can move without leaving it, and
/// nothing is written twice.
/// </summary>
public static class TransferAuditTrail
{
    private const string ObjectPrefix = "transfer:";

    /// <summary>One posting of a transfer as the store holds it.</summary>
    public sealed record Step(string PostingId, PostingKind Kind, Guid ActorId, DateTimeOffset At);

    public static bool TryParse(string objectId, out Guid transferId)
    {
        transferId = default;
        return objectId.StartsWith(ObjectPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(objectId[ObjectPrefix.Length..], "N", out transferId);
    }

    public static string ObjectId(Guid transferId) => $"{ObjectPrefix}{transferId:N}";

    public static string PostingId(Guid transferId, PostingKind step) => step switch
    {
        PostingKind.Reserve => $"{transferId:N}:reserve",
        PostingKind.Settle => $"{transferId:N}:settle",
        PostingKind.Release => $"{transferId:N}:release",
        PostingKind.Transfer => $"{transferId:N}:transfer",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "A transfer's steps are reserve, settle, release, or the one step of an immediate transfer."),
    };

    /// <summary>Every posting id a transfer can have; the store looks them up by primary key.</summary>
    public static string[] PostingIds(Guid transferId) =>
        [PostingId(transferId, PostingKind.Reserve), PostingId(transferId, PostingKind.Settle), PostingId(transferId, PostingKind.Release), PostingId(transferId, PostingKind.Transfer)];

    /// <summary>
    /// The trail as a page. A transfer has at most two steps, numbered 1 (reserve) and 2 (settle or release, or
    /// the immediate transfer's one posting); those numbers are the cursor.
    /// </summary>
    public static AuditPage Page(TransferRecord? transfer, IEnumerable<Step> steps, long afterSequence, int limit)
    {
        if (transfer is null)
        {
            return new AuditPage([], null);
        }
        var entries = steps
            .Select(step => (Sequence: step.Kind == PostingKind.Reserve ? 1L : 2L, Entry: ToEntry(transfer, step)))
            .Where(e => e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .ToList();
        return Paging.Page(entries, limit, e => e.Sequence, (page, next) => new AuditPage(page.Select(e => e.Entry).ToArray(), next));
    }

    private static AuditEntry ToEntry(TransferRecord transfer, Step step)
    {
        var amount = new Money(transfer.AmountFen);
        var (action, details) = step.Kind switch
        {
            PostingKind.Reserve => ("transfer-reserved", $"{amount} reserved for transfer {transfer.TransferId} to {transfer.PayeeAccount}"),
            PostingKind.Settle => ("transfer-settled", $"{amount} of transfer {transfer.TransferId} settled to {transfer.PayeeAccount}"),
            // The same outcome as a settle, in one posting straight from the payer's available funds (domain.md §2).
            PostingKind.Transfer => ("transfer-settled", $"{amount} of transfer {transfer.TransferId} paid from {transfer.PayerAccount} to {transfer.PayeeAccount} at once"),
            _ => ("transfer-released", $"{amount} of transfer {transfer.TransferId} released to {transfer.PayerAccount}"),
        };
        return new AuditEntry($"posting:{step.PostingId}", ObjectId(transfer.TransferId), action, step.ActorId, step.At, details);
    }
}
