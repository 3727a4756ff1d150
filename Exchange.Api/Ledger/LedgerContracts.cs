using Exchange.Grains.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Api.Ledger;

/// <summary>An amount in CNY, exact to the fen (at most two decimals), with a memo for the statement.</summary>
public sealed record MoneyMovementRequest(
    [property: Yuan] decimal Amount,
    [property: Text(TransferRules.MaxMemoLength, Optional = true, Printable = false)] string? Memo = null)
{
    public static MoneyMovementRequest Example => new(25_000.00m, "bank transfer received, ref. 2024-05-01-0042");
}

/// <summary>
/// A payment from the caller's account. <c>Payee</c> is a participant id or "platform:escrow". <c>Mode</c> is
/// required: an immediate transfer settles at once; a held one keeps the funds reserved until the payer settles or
/// releases it. Which of the two a payer means is never guessed.
/// </summary>
public sealed record CreateTransferRequest(
    [property: Text(36, Pattern = "^(" + AccountId.PlatformEscrow + "|" + TextPatterns.Uuid + ")$")] string Payee,
    [property: Yuan] decimal Amount,
    TransferMode Mode,
    [property: Text(TransferRules.MaxMemoLength, Optional = true, Printable = false)] string? Memo = null)
{
    public static CreateTransferRequest Example => new(AccountId.PlatformEscrow, 12_800.50m, TransferMode.Hold, "deposit for the purchase of patent 201710601862.3");
}

public sealed record AccountResponse(string AccountId, decimal Available, decimal Reserved)
{
    public static AccountResponse From(AccountSnapshot a) => new(a.AccountId, a.Available.Yuan, a.Reserved.Yuan);
}

public sealed record TransferResponse(
    Guid TransferId,
    string PayerAccount,
    string PayeeAccount,
    decimal Amount,
    TransferMode Mode,
    TransferStatus Status,
    string Memo,
    Guid RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ControlledBy)
{
    public static TransferResponse From(TransferSnapshot t) => new(
        t.TransferId, t.PayerAccount, t.PayeeAccount, t.Amount.Yuan, t.Mode, t.Status, t.Memo, t.RequestedBy, t.CreatedAt, t.UpdatedAt, t.ControlledBy);
}

/// <summary>A page of transfers, newest first; <c>nextCursor</c> is the <c>after</c> of the next page, absent on the last.</summary>
public sealed record TransferPageResponse(IReadOnlyList<TransferResponse> Items, string? NextCursor);

public sealed record StatementLineResponse(long Sequence, string PostingId, PostingKind Kind, Bucket Bucket, decimal Amount, Guid? TransferId, string Memo, DateTimeOffset At);

public sealed record StatementResponse(string AccountId, IReadOnlyList<StatementLineResponse> Lines, long? NextCursor);

public sealed record TrialBalanceResponse(decimal Total, decimal ParticipantAvailable, decimal ParticipantReserved, decimal PlatformEscrow, decimal External, long PostingCount, bool IsBalanced)
{
    public static TrialBalanceResponse From(TrialBalance t) => new(Yuan(t.TotalFen), Yuan(t.ParticipantAvailableFen), Yuan(t.ParticipantReservedFen),
        Yuan(t.PlatformEscrowFen), Yuan(t.ExternalFen), t.PostingCount, t.TotalFen == 0);

    internal static decimal Yuan(long fen) => new Money(fen).Yuan;
}

/// <summary>
/// The maintained trial balance (from the running balance snapshots) beside the one recomputed from every posting
/// line; <c>Agrees</c> is false if any account's snapshot drifted from its lines, and <c>Discrepancies</c> names up to
/// 20 of them.
/// </summary>
public sealed record TrialBalanceVerificationResponse(TrialBalanceResponse Maintained, TrialBalanceResponse Recomputed, bool Agrees, IReadOnlyList<AccountDiscrepancyResponse> Discrepancies)
{
    public static TrialBalanceVerificationResponse From(TrialBalanceVerification v) => new(
        TrialBalanceResponse.From(v.Maintained), TrialBalanceResponse.From(v.Recomputed), v.Agrees,
        v.Discrepancies.Select(d => new AccountDiscrepancyResponse(d.AccountId, TrialBalanceResponse.Yuan(d.SnapshotAvailableFen), TrialBalanceResponse.Yuan(d.SnapshotReservedFen),
            TrialBalanceResponse.Yuan(d.LinesAvailableFen), TrialBalanceResponse.Yuan(d.LinesReservedFen))).ToArray());
}

public sealed record AccountDiscrepancyResponse(string AccountId, decimal SnapshotAvailable, decimal SnapshotReserved, decimal LinesAvailable, decimal LinesReserved);
