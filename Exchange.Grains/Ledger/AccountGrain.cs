using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Holds the account's balances in memory, loaded from the ledger's running snapshot at activation; every change is
/// first committed to the ledger (posting, balances, transfer row, audit entry and Idempotency-Key record in one
/// transaction) and only then applied here. The commit path, reloads and checks are in AccountGrain.Ledger.cs.
/// </summary>
[GrainType("account")]
internal sealed partial class AccountGrain(ILedgerStore store, TimeProvider clock) : Grain, IAccountGrain
{
    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (AccountId.IsContraAccount(Id))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Account {Id} is the outside world's side of the ledger; it has no grain.");
        }
        await ReloadAsync(cancellationToken);
    }

    public async Task<AccountSnapshot> GetBalances()
    {
        // Credits from transfers are booked by the payer's account; read them in before answering.
        await RefreshIfStaleAsync();
        await ReloadBalancesAsync(CancellationToken.None);
        return Snapshot();
    }

    public async Task<AccountSnapshot> Deposit(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await RefreshIfStaleAsync();
        await EnsureAllowedUnlessRepeatAsync(postingId, EnsureOwnerMayMoveMoneyAsync);
        var posting = Posting.Move(postingId, PostingKind.Deposit, (AccountId.External, Bucket.Available), (Id, Bucket.Available), amount, memo);
        if (await CommitMovementAsync(posting, "deposit", actor, $"{amount} deposited: {memo}", idempotency) == CommitOutcome.Committed)
        {
            _availableFen += amount.Fen;
        }
        return Snapshot();
    }

    public async Task<AccountSnapshot> Withdraw(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await RefreshIfStaleAsync();
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(amount, $"withdraw {amount}");
        });
        var posting = Posting.Move(postingId, PostingKind.Withdrawal, (Id, Bucket.Available), (AccountId.External, Bucket.Available), amount, memo);
        if (await CommitMovementAsync(posting, "withdrawal", actor, $"{amount} withdrawn: {memo}", idempotency) == CommitOutcome.Committed)
        {
            _availableFen -= amount.Fen;
        }
        return Snapshot();
    }

    public async Task<TransferRecord> Reserve(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await RefreshIfStaleAsync();
        if (_reservations.TryGetValue(transfer.TransferId, out var open))
        {
            return open;
        }
        var amount = new Money(transfer.AmountFen);
        if (await RefusedUnlessRepeatAsync(transfer, $"reserve {amount} for transfer {transfer.TransferId}") is { } existing)
        {
            return existing;
        }
        var now = clock.GetUtcNow();
        var reserved = transfer with { PayerAccount = Id, Status = TransferStatus.FundsReserved, CreatedAt = now, UpdatedAt = now };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Reserve), PostingKind.Reserve,
            (Id, Bucket.Available), (Id, Bucket.Reserved), amount, transfer.Memo, transfer.TransferId);
        if (await CommitTransferStepAsync(posting, reserved, actor, idempotency) != CommitOutcome.Committed)
        {
            return await LoadTransferAsync(transfer.TransferId);
        }
        _availableFen -= amount.Fen;
        _reservedFen += amount.Fen;
        _reservations[transfer.TransferId] = reserved;
        return reserved;
    }

    public async Task<TransferBooking> Pay(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await RefreshIfStaleAsync();
        if (_reservations.TryGetValue(transfer.TransferId, out var open))
        {
            return new TransferBooking(open, BookedNow: false);
        }
        var amount = new Money(transfer.AmountFen);
        if (await RefusedUnlessRepeatAsync(transfer, $"pay {amount} for transfer {transfer.TransferId}") is { } existing)
        {
            return new TransferBooking(existing, BookedNow: false);
        }
        var now = clock.GetUtcNow();
        var paid = transfer with { PayerAccount = Id, Status = TransferStatus.Settled, CreatedAt = now, UpdatedAt = now };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Transfer), PostingKind.Transfer,
            (Id, Bucket.Available), (transfer.PayeeAccount, Bucket.Available), amount, transfer.Memo, transfer.TransferId);
        if (await CommitTransferStepAsync(posting, paid, actor, idempotency) != CommitOutcome.Committed)
        {
            return new TransferBooking(await LoadTransferAsync(transfer.TransferId), BookedNow: false);
        }
        _availableFen -= amount.Fen;
        return new TransferBooking(paid, BookedNow: true);
    }

    public async Task<AccountSnapshot> Distribute(string postingId, IReadOnlyList<DistributionPart> parts, string memo, Actor actor)
    {
        await RefreshIfStaleAsync();
        var paid = parts.Where(p => p.Amount.Fen > 0).ToArray();
        if (paid.Length == 0 || parts.Any(p => p.Amount.Fen < 0 || AccountId.IsContraAccount(p.AccountId)))
        {
            throw new DomainException(DomainErrors.InvalidAmount, "A distribution pays positive amounts to accounts of the exchange.");
        }
        var total = new Money(paid.Sum(p => p.Amount.Fen));
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(total, $"pay {total}");
        });
        var lines = new List<PostingLine> { new(Id, Bucket.Available, -total.Fen) };
        lines.AddRange(paid.Select(p => new PostingLine(p.AccountId, Bucket.Available, p.Amount.Fen)));
        var posting = new Posting(postingId, PostingKind.Distribution, lines, memo, null);
        if (await CommitMovementAsync(posting, "distribution", actor, $"{total} to {paid.Length} recipient(s): {memo}", null) == CommitOutcome.Committed)
        {
            _availableFen -= total.Fen;
        }
        return Snapshot();
    }

    public Task<TransferRecord> Settle(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null) =>
        CloseReservationAsync(transferId, TransferStatus.Settled, PostingKind.Settle, actor, idempotency);

    public Task<TransferRecord> Release(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null) =>
        CloseReservationAsync(transferId, TransferStatus.Released, PostingKind.Release, actor, idempotency);

    private async Task<TransferRecord> CloseReservationAsync(Guid transferId, TransferStatus closedAs, PostingKind kind, Actor actor, IdempotencyStamp? idempotency)
    {
        await RefreshIfStaleAsync();
        if (!_reservations.TryGetValue(transferId, out var reservation))
        {
            // Not open here: either already closed (a repeat, answered from the ledger) or never reserved.
            return await LoadTransferAsync(transferId);
        }
        var amount = new Money(reservation.AmountFen);
        var destination = closedAs == TransferStatus.Settled ? (reservation.PayeeAccount, Bucket.Available) : (Id, Bucket.Available);
        var closed = reservation with { Status = closedAs, UpdatedAt = clock.GetUtcNow() };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transferId, kind), kind, (Id, Bucket.Reserved), destination, amount, reservation.Memo, transferId);
        if (await CommitTransferStepAsync(posting, closed, actor, idempotency) != CommitOutcome.Committed)
        {
            return await LoadTransferAsync(transferId);
        }
        _reservedFen -= amount.Fen;
        if (closedAs == TransferStatus.Released)
        {
            _availableFen += amount.Fen;
        }
        _reservations.Remove(transferId);
        return closed;
    }

    /// <summary>An account movement (deposit, withdrawal, distribution), audited on the account.</summary>
    private Task<CommitOutcome> CommitMovementAsync(Posting posting, string action, Actor actor, string details, IdempotencyStamp? idempotency)
    {
        var now = clock.GetUtcNow();
        var audit = new AuditEntry($"posting:{posting.PostingId}", $"account:{Id}", action, actor.ParticipantId, now, details);
        return CommitAsync(new LedgerCommit(posting, new AccountFence(Id, _version), null, actor.ParticipantId, now, audit, idempotency));
    }

    /// <summary>A step of a transfer: the posting is its own audit record (<see cref="TransferAuditTrail"/>).</summary>
    private Task<CommitOutcome> CommitTransferStepAsync(Posting posting, TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency) =>
        CommitAsync(new LedgerCommit(posting, new AccountFence(Id, _version), transfer, actor.ParticipantId, clock.GetUtcNow(), null, idempotency));

    private AccountSnapshot Snapshot() => new(Id, new Money(_availableFen), new Money(_reservedFen));
}
