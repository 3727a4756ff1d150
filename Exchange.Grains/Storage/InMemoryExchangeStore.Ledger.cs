using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;

namespace Exchange.Grains.Storage;

/// <summary>The in-memory ledger commit and the balance snapshots it keeps, as the SQL store does in its transaction.</summary>
public sealed partial class InMemoryExchangeStore
{
    public Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var rows = _transfers.Values.Where(query.Matches)
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TransferId)
                .Take(query.Limit + 1).ToArray();
            return Task.FromResult(TransferPage.From(rows, query.Limit));
        }
    }

    public Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var outcome = Check(commit);
            if (outcome == CommitOutcome.Committed)
            {
                Apply(commit);
            }
            return Task.FromResult(outcome);
        }
    }

    /// <summary>The same checks, in the same order, as the SQL store's commit (<see cref="SqlLedgerCommitter"/>).</summary>
    private CommitOutcome Check(LedgerCommit commit)
    {
        var recordExisted = false;
        if (commit.Idempotency is { } stamp && _idempotency.TryGetValue((stamp.Scope, stamp.Key), out var record))
        {
            if (record.RequestHash != stamp.RequestHash)
            {
                return CommitOutcome.IdempotencyKeyReused;
            }
            recordExisted = true;
        }
        if (_postings.ContainsKey(commit.Posting.PostingId))
        {
            return commit.Idempotency is not null && !recordExisted && commit.Transfer is null ? CommitOutcome.IdempotencyKeyReused : CommitOutcome.DuplicatePosting;
        }
        if (commit.CreatesTransfer && _transfers.ContainsKey(commit.Transfer!.TransferId))
        {
            return CommitOutcome.DuplicatePosting;
        }
        return _balances.GetValueOrDefault(commit.Fence.AccountId, AccountBalances.None).Version == commit.Fence.ExpectedVersion ? CommitOutcome.Committed : CommitOutcome.FenceLost;
    }

    private void Apply(LedgerCommit commit)
    {
        if (commit.Idempotency is { } stamp)
        {
            _idempotency.TryAdd((stamp.Scope, stamp.Key), IdempotencyRecord.AwaitingResponse(stamp, commit.At));
        }
        _postings.Add(commit.Posting.PostingId, new TransferAuditTrail.Step(commit.Posting.PostingId, commit.Posting.Kind, commit.ActorId, commit.At));
        foreach (var line in commit.Posting.Lines)
        {
            _lines.Add((++_sequence, commit.Posting, line, commit.At));
            var balance = _balances.GetValueOrDefault(line.AccountId, AccountBalances.None);
            _balances[line.AccountId] = line.Bucket == Bucket.Available
                ? balance with { AvailableFen = balance.AvailableFen + line.AmountFen }
                : balance with { ReservedFen = balance.ReservedFen + line.AmountFen };
        }
        var fenced = _balances.GetValueOrDefault(commit.Fence.AccountId, AccountBalances.None);
        _balances[commit.Fence.AccountId] = fenced with { Version = fenced.Version + 1 };
        if (commit.Transfer is { } transfer)
        {
            _transfers[transfer.TransferId] = transfer;
        }
        if (commit.Audit is { } audit)
        {
            AppendAuditLocked(audit);
        }
    }

    public Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_balances.GetValueOrDefault(accountId, AccountBalances.None));
        }
    }

    public Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(SnapshotTotals().ToTrialBalance(_balances.Values.Sum(b => b.Version)));
        }
    }

    public Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var snapshots = SnapshotTotals();
            var lines = new TrialBalanceAccumulator();
            foreach (var (_, _, line, _) in _lines)
            {
                lines.Add(line.AccountId, line.Bucket, line.AmountFen);
            }
            return Task.FromResult(new TrialBalanceVerification(
                snapshots.ToTrialBalance(_balances.Values.Sum(b => b.Version)), lines.ToTrialBalance(_postings.Count), TrialBalanceAccumulator.Compare(snapshots, lines)));
        }
    }

    private TrialBalanceAccumulator SnapshotTotals()
    {
        var totals = new TrialBalanceAccumulator();
        foreach (var (accountId, balance) in _balances)
        {
            totals.Add(accountId, balance.AvailableFen, balance.ReservedFen);
        }
        return totals;
    }
}
