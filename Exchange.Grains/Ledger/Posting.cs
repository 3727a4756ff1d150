using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

/// <summary>
/// A balanced double-entry posting: its lines add up to zero, so the sum over every account in the ledger
/// stays zero by construction (domain.md §2). The id is derived from the command that caused it, which makes
/// a repeated command find the posting already there instead of booking it twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Posting
{
    public Posting(string postingId, PostingKind kind, IReadOnlyList<PostingLine> lines, string memo, Guid? transferId)
    {
        if (string.IsNullOrWhiteSpace(postingId))
        {
            throw new ArgumentException("A posting needs an id.", nameof(postingId));
        }
        if (lines.Count < 2)
        {
            throw new InvalidOperationException($"Posting {postingId} has {lines.Count} line(s); double entry needs at least two.");
        }
        long sum = 0;
        foreach (var line in lines)
        {
            if (line.AmountFen == 0)
            {
                throw new InvalidOperationException($"Posting {postingId} has a zero line on {line.AccountId}.");
            }
            sum = checked(sum + line.AmountFen);
        }
        if (sum != 0)
        {
            throw new InvalidOperationException($"Posting {postingId} is unbalanced by {sum} fen.");
        }
        PostingId = postingId;
        Kind = kind;
        Lines = lines;
        Memo = memo;
        TransferId = transferId;
    }

    [Id(0)] public string PostingId { get; }
    [Id(1)] public PostingKind Kind { get; }
    [Id(2)] public IReadOnlyList<PostingLine> Lines { get; }
    [Id(3)] public string Memo { get; }
    [Id(4)] public Guid? TransferId { get; }

    /// <summary>Moves an amount from one bucket to another: the shape of every posting the exchange makes today.</summary>
    public static Posting Move(string postingId, PostingKind kind, (string Account, Bucket Bucket) from, (string Account, Bucket Bucket) to, Money amount, string memo, Guid? transferId = null)
    {
        if (amount.Fen <= 0)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A posting moves a positive amount, not {amount}.");
        }
        return new Posting(postingId, kind, [new(from.Account, from.Bucket, -amount.Fen), new(to.Account, to.Bucket, amount.Fen)], memo, transferId);
    }
}
