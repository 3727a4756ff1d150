using System.Data.Common;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>An account's list of transfers, read by the indexes on (payer or payee, creation time, id).</summary>
public sealed partial class SqlExchangeStore
{
    public async Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default)
    {
        // One ordered, limited read per side, each walking its own index, then merged: an account on both sides of
        // many transfers is never sorted whole.
        var sides = query.Side switch
        {
            TransferSide.Payer => ["payer_account"],
            TransferSide.Payee => ["payee_account"],
            _ => new[] { "payer_account", "payee_account" },
        };
        var filter = (query.Status is null ? "" : " AND status = @status")
            + (query.After is null ? "" : " AND (created_at < @after_at OR (created_at = @after_at AND transfer_id < @after_id))");
        const string order = " ORDER BY created_at DESC, transfer_id DESC LIMIT @limit";
        var sql = string.Join(" UNION ALL ", sides.Select(side => $"SELECT * FROM ({TransferSelectSql} WHERE {side} = @account{filter}{order}) AS {side}_side"));
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, sides.Length == 1 ? sql : $"SELECT * FROM ({sql}) AS both_sides{order}");
        Add(command, "account", query.Account);
        if (query.Status is { } status)
        {
            Add(command, "status", (short)status);
        }
        if (query.After is { } after)
        {
            Add(command, "after_at", after.CreatedAt);
            Add(command, "after_id", after.TransferId);
        }
        Add(command, "limit", query.Limit + 1);
        return TransferPage.From(await ReadTransfersAsync(command, cancellationToken), query.Limit);
    }
}
