using System.Data.Common;
using Exchange.Grains.Audit;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>
/// One ledger commit as a sequence of statements inside a transaction (or savepoint) that the caller owns and
/// rolls back unless the outcome is <see cref="CommitOutcome.Committed"/>. Shared by PostgreSQL's single-commit path
/// and SQLite's group-commit writer, which keeps one instance on its connection so that every statement is prepared
/// once. The in-memory store makes the same checks in the same order.
/// <para>
/// Order matters twice. The checks run cheapest and most telling first: the Idempotency-Key (a key used for another
/// request is refused before anything else is looked at), the posting (a repeat), the transfer row a step creates
/// (a repeat of a transfer booked under another posting id), then the fence. And the rows other transactions may
/// also want are locked in one order everywhere: key, posting, the debited account's own balance row, then the
/// credited accounts' rows in ordinal order of account id, so two commits crediting each other's accounts cannot
/// deadlock on PostgreSQL.
/// </para>
/// </summary>
internal sealed class SqlLedgerCommitter(SqlStatements statements)
{
    public async Task<CommitOutcome> CommitAsync(DbTransaction transaction, LedgerCommit commit, short creditShard, CancellationToken cancellationToken)
    {
        var posting = commit.Posting;
        var keyIsNew = false;
        if (commit.Idempotency is { } stamp)
        {
            keyIsNew = await ExecuteAsync(transaction, InsertKeySql, cancellationToken, stamp.Scope, stamp.Key, stamp.RequestHash, commit.At) == 1;
            if (!keyIsNew && await ScalarAsync(transaction, KeyHashSql, cancellationToken, stamp.Scope, stamp.Key) as string != stamp.RequestHash)
            {
                return CommitOutcome.IdempotencyKeyReused;
            }
        }
        if (await ExecuteAsync(transaction, InsertPostingSql, cancellationToken, posting.PostingId, (short)posting.Kind, posting.TransferId, posting.Memo, commit.ActorId, commit.At) == 0)
        {
            // Booked before while the key has no record: the record expired and the key now names another request.
            // A transfer's row keeps its request hash, which the transfer grain compares, so it can still answer.
            return keyIsNew && commit.Transfer is null ? CommitOutcome.IdempotencyKeyReused : CommitOutcome.DuplicatePosting;
        }
        if (commit.Transfer is { } transfer)
        {
            if (commit.CreatesTransfer)
            {
                if (await ExecuteAsync(transaction, InsertTransferSql, cancellationToken, transfer.TransferId, transfer.PayerAccount, transfer.PayeeAccount, transfer.AmountFen,
                    (short)transfer.Mode, (short)transfer.Status, transfer.RequestHash, transfer.RequestedBy, transfer.Memo, transfer.CreatedAt, transfer.UpdatedAt, transfer.ControlledBy) == 0)
                {
                    return CommitOutcome.DuplicatePosting;
                }
            }
            else
            {
                await ExecuteAsync(transaction, CloseTransferSql, cancellationToken, transfer.TransferId, (short)transfer.Status, transfer.UpdatedAt);
            }
        }

        var (fenced, credits) = BalanceDelta.Of(commit, creditShard);
        var expected = commit.Fence.ExpectedVersion;
        // A first debit may find the account's row already there, made by credits (version 0); later debits advance
        // the version only from the one the grain loaded. No row touched: another activation wrote in between.
        var fenceHeld = expected == 0
            ? await ExecuteAsync(transaction, FirstDebitSql, cancellationToken, fenced.AccountId, fenced.AvailableFen, fenced.ReservedFen)
            : await ExecuteAsync(transaction, NextDebitSql, cancellationToken, fenced.AccountId, fenced.AvailableFen, fenced.ReservedFen, expected);
        if (fenceHeld == 0)
        {
            return CommitOutcome.FenceLost;
        }
        foreach (var credit in credits)
        {
            await ExecuteAsync(transaction, CreditSql, cancellationToken, credit.AccountId, credit.Shard, credit.AvailableFen, credit.ReservedFen);
        }

        foreach (var line in posting.Lines)
        {
            await ExecuteAsync(transaction, InsertLineSql, cancellationToken, posting.PostingId, line.AccountId, (short)line.Bucket, line.AmountFen);
        }
        if (commit.Audit is { } audit)
        {
            await ExecuteAsync(transaction, AuditSql, cancellationToken, audit.EntryId, audit.ObjectId, audit.Action, audit.ActorId, audit.At, audit.Details);
        }
        return CommitOutcome.Committed;
    }

    private const string InsertKeySql =
        "INSERT INTO exchange_idempotency (scope, key, request_hash, status_code, response_body, location, created_at) " +
        "VALUES (@p0, @p1, @p2, 0, '', NULL, @p3) ON CONFLICT (scope, key) DO NOTHING";

    private const string KeyHashSql = "SELECT request_hash FROM exchange_idempotency WHERE scope = @p0 AND key = @p1";

    private const string InsertPostingSql =
        "INSERT INTO exchange_postings (posting_id, kind, transfer_id, memo, actor_id, created_at) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT (posting_id) DO NOTHING";

    private const string InsertTransferSql =
        "INSERT INTO exchange_transfers (transfer_id, payer_account, payee_account, amount_fen, mode, status, request_hash, requested_by, memo, created_at, updated_at, controlled_by) " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11) ON CONFLICT (transfer_id) DO NOTHING";

    private const string CloseTransferSql = "UPDATE exchange_transfers SET status = @p1, updated_at = @p2 WHERE transfer_id = @p0";

    private const string FirstDebitSql =
        "INSERT INTO exchange_account_balances (account_id, shard, available_fen, reserved_fen, version) VALUES (@p0, 0, @p1, @p2, 1) " +
        "ON CONFLICT (account_id, shard) DO UPDATE SET available_fen = exchange_account_balances.available_fen + excluded.available_fen, " +
        "reserved_fen = exchange_account_balances.reserved_fen + excluded.reserved_fen, version = 1 WHERE exchange_account_balances.version = 0";

    private const string NextDebitSql =
        "UPDATE exchange_account_balances SET available_fen = available_fen + @p1, reserved_fen = reserved_fen + @p2, version = version + 1 " +
        "WHERE account_id = @p0 AND shard = 0 AND version = @p3";

    private const string CreditSql =
        "INSERT INTO exchange_account_balances (account_id, shard, available_fen, reserved_fen, version) VALUES (@p0, @p1, @p2, @p3, 0) " +
        "ON CONFLICT (account_id, shard) DO UPDATE SET available_fen = exchange_account_balances.available_fen + excluded.available_fen, " +
        "reserved_fen = exchange_account_balances.reserved_fen + excluded.reserved_fen";

    private const string InsertLineSql = "INSERT INTO exchange_posting_lines (posting_id, account_id, bucket, amount_fen) VALUES (@p0, @p1, @p2, @p3)";

    private const string AuditSql =
        "INSERT INTO exchange_audit (entry_id, object_id, action, actor_id, at, details) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT (entry_id) DO NOTHING";

    private Task<int> ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        statements.ExecuteAsync(transaction, sql, cancellationToken, values);

    private Task<object?> ScalarAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken, params object?[] values) =>
        statements.ScalarAsync(transaction, sql, cancellationToken, values);
}
