using System.Globalization;

namespace Exchange.Grains.Ledger;

/// <summary>Which side of its transfers an account is listed by: those it pays, those it receives, or both.</summary>
public enum TransferSide
{
    Either,
    Payer,
    Payee,
}

/// <summary>A page of an account's transfers, newest first, after <see cref="After"/> (the previous page's last).</summary>
[GenerateSerializer, Immutable]
public sealed record TransferQuery(
    [property: Id(0)] string Account,
    [property: Id(1)] TransferSide Side,
    [property: Id(2)] TransferStatus? Status,
    [property: Id(3)] TransferCursor? After,
    [property: Id(4)] int Limit)
{
    /// <summary>Whether the transfer belongs to this list: the query's account on the asked side, in the asked status.</summary>
    public bool Matches(TransferRecord transfer) =>
        (Side != TransferSide.Payee && transfer.PayerAccount == Account || Side != TransferSide.Payer && transfer.PayeeAccount == Account)
        && (Status is null || transfer.Status == Status)
        && (After is null || After.Precedes(transfer));
}

/// <summary>
/// Where a page of transfers ends: the last transfer's creation time and id (transfers are listed by both, newest
/// first, so a transfer created while a client pages cannot shift the pages it has not read yet).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TransferCursor([property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] Guid TransferId)
{
    /// <summary>A date-time's ticks, a tilde and a transfer id in 32 hex digits.</summary>
    public const string Pattern = "^[0-9]{1,19}~[0-9a-fA-F]{32}$";

    public const int MaxLength = 52;

    public static TransferCursor Of(TransferRecord last) => new(last.CreatedAt, last.TransferId);

    /// <summary>Whether <paramref name="transfer"/> comes after this cursor in the list's order (older, or as old with a smaller id).</summary>
    public bool Precedes(TransferRecord transfer) =>
        transfer.CreatedAt < CreatedAt || transfer.CreatedAt == CreatedAt && transfer.TransferId.CompareTo(TransferId) < 0;

    public override string ToString() => $"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}~{TransferId:N}";

    public static bool TryParse(string? text, out TransferCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        var parts = text.Split('~');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id))
        {
            cursor = new TransferCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        return false;
    }
}

/// <summary>A page of transfers and the cursor of the next, if there is one.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferPage([property: Id(0)] IReadOnlyList<TransferRecord> Items, [property: Id(1)] string? NextCursor)
{
    /// <summary>From up to limit + 1 rows in the list's order: the extra row only says that another page follows.</summary>
    public static TransferPage From(IReadOnlyList<TransferRecord> rows, int limit) => rows.Count > limit
        ? new TransferPage([.. rows.Take(limit)], TransferCursor.Of(rows[limit - 1]).ToString())
        : new TransferPage(rows, null);
}

/// <summary>A page of transfers as their parties see them (without the request's hash), for the API.</summary>
[GenerateSerializer, Immutable]
public sealed record TransferSnapshotPage([property: Id(0)] IReadOnlyList<TransferSnapshot> Items, [property: Id(1)] string? NextCursor);
