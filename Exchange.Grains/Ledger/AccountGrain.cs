using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Holds the account's balances in memory (<see cref="AccountBook"/>), loaded from the ledger's running snapshot at
/// activation; every change is first committed to the ledger (posting, balances, transfer row, audit entry and
/// Idempotency-Key record in one transaction) and only then applied in memory.
/// </summary>
[GrainType("account")]
internal sealed class AccountGrain(ILedgerStore store, TimeProvider clock) : Grain, IAccountGrain
{
    private AccountBook _book = null!;
    private KycStatus? _ownerKyc;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (AccountId.IsContraAccount(Id))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Account {Id} is the outside world's side of the ledger; it has no grain.");
        }
        _book = new AccountBook(Id, store);
        await _book.LoadAsync(cancellationToken);
    }

    public async Task<AccountSnapshot> GetBalances()
    {
        // Credits from transfers are booked by the payer's account; read them in before answering.
        await _book.RefreshIfStaleAsync();
        await _book.LoadBalancesAsync(CancellationToken.None);
        return _book.Snapshot();
    }

    public async Task<AccountSnapshot> Deposit(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await _book.RefreshIfStaleAsync();
        await EnsureAllowedUnlessRepeatAsync(postingId, EnsureOwnerMayMoveMoneyAsync);
        var posting = Posting.Move(postingId, PostingKind.Deposit, (AccountId.External, Bucket.Available), (Id, Bucket.Available), amount, memo);
        await CommitMovementAsync(posting, "deposit", actor, $"{amount} deposited: {memo}", idempotency, book => book.Move(amount.Fen, 0));
        return _book.Snapshot();
    }

    public async Task<AccountSnapshot> Withdraw(string postingId, Money amount, string memo, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await _book.RefreshIfStaleAsync();
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await _book.EnsureAvailableAsync(amount, "to withdraw");
        });
        var posting = Posting.Move(postingId, PostingKind.Withdrawal, (Id, Bucket.Available), (AccountId.External, Bucket.Available), amount, memo);
        await CommitMovementAsync(posting, "withdrawal", actor, $"{amount} withdrawn: {memo}", idempotency, book => book.Move(-amount.Fen, 0));
        return _book.Snapshot();
    }

    public async Task<TransferRecord> Reserve(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await _book.RefreshIfStaleAsync();
        if (_book.TryGetReservation(transfer.TransferId, out var open))
        {
            return open;
        }
        var amount = new Money(transfer.AmountFen);
        if (await RefusedUnlessRepeatAsync(transfer, "to transfer") is { } existing)
        {
            return existing;
        }
        var now = clock.GetUtcNow();
        var reserved = transfer with { PayerAccount = Id, Status = TransferStatus.FundsReserved, CreatedAt = now, UpdatedAt = now };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Reserve), PostingKind.Reserve,
            (Id, Bucket.Available), (Id, Bucket.Reserved), amount, transfer.Memo, transfer.TransferId);
        return await CommitTransferStepAsync(posting, reserved, actor, idempotency, book => book.Reserved(reserved)) == CommitOutcome.Committed
            ? reserved
            : await LoadTransferAsync(transfer.TransferId);
    }

    public async Task<TransferBooking> Pay(TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency = null)
    {
        await _book.RefreshIfStaleAsync();
        if (_book.TryGetReservation(transfer.TransferId, out var open))
        {
            return new TransferBooking(open, BookedNow: false);
        }
        var amount = new Money(transfer.AmountFen);
        if (await RefusedUnlessRepeatAsync(transfer, "to transfer") is { } existing)
        {
            return new TransferBooking(existing, BookedNow: false);
        }
        var now = clock.GetUtcNow();
        var paid = transfer with { PayerAccount = Id, Status = TransferStatus.Settled, CreatedAt = now, UpdatedAt = now };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Transfer), PostingKind.Transfer,
            (Id, Bucket.Available), (transfer.PayeeAccount, Bucket.Available), amount, transfer.Memo, transfer.TransferId);
        return await CommitTransferStepAsync(posting, paid, actor, idempotency, book => book.Move(-amount.Fen, 0)) == CommitOutcome.Committed
            ? new TransferBooking(paid, BookedNow: true)
            : new TransferBooking(await LoadTransferAsync(transfer.TransferId), BookedNow: false);
    }

    public async Task<AccountSnapshot> Distribute(string postingId, IReadOnlyList<DistributionPart> parts, string memo, Actor actor)
    {
        await _book.RefreshIfStaleAsync();
        var paid = parts.Where(p => p.Amount.Fen > 0).ToArray();
        if (paid.Length == 0 || parts.Any(p => p.Amount.Fen < 0 || AccountId.IsContraAccount(p.AccountId)))
        {
            throw new DomainException(DomainErrors.InvalidAmount, "A distribution pays positive amounts to accounts of the exchange.");
        }
        var total = new Money(paid.Sum(p => p.Amount.Fen));
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await _book.EnsureAvailableAsync(total, "to pay");
        });
        var lines = new List<PostingLine> { new(Id, Bucket.Available, -total.Fen) };
        lines.AddRange(paid.Select(p => new PostingLine(p.AccountId, Bucket.Available, p.Amount.Fen)));
        var posting = new Posting(postingId, PostingKind.Distribution, lines, memo, null);
        await CommitMovementAsync(posting, "distribution", actor, $"{total} to {paid.Length} recipient(s): {memo}", null, book => book.Move(-total.Fen, 0));
        return _book.Snapshot();
    }

    public Task<TransferRecord> Settle(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null) =>
        CloseReservationAsync(transferId, TransferStatus.Settled, PostingKind.Settle, actor, idempotency);

    public Task<TransferRecord> Release(Guid transferId, Actor actor, IdempotencyStamp? idempotency = null) =>
        CloseReservationAsync(transferId, TransferStatus.Released, PostingKind.Release, actor, idempotency);

    private async Task<TransferRecord> CloseReservationAsync(Guid transferId, TransferStatus closedAs, PostingKind kind, Actor actor, IdempotencyStamp? idempotency)
    {
        await _book.RefreshIfStaleAsync();
        if (!_book.TryGetReservation(transferId, out var reservation))
        {
            // Not open here: either already closed (a repeat, answered from the ledger) or never reserved.
            return await LoadTransferAsync(transferId);
        }
        var released = closedAs == TransferStatus.Released;
        var destination = released ? (Id, Bucket.Available) : (reservation.PayeeAccount, Bucket.Available);
        var closed = reservation with { Status = closedAs, UpdatedAt = clock.GetUtcNow() };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transferId, kind), kind, (Id, Bucket.Reserved), destination, new Money(reservation.AmountFen), reservation.Memo, transferId);
        return await CommitTransferStepAsync(posting, closed, actor, idempotency, book => book.Closed(reservation, released)) == CommitOutcome.Committed
            ? closed
            : await LoadTransferAsync(transferId);
    }

    /// <summary>An account movement (deposit, withdrawal, distribution), audited on the account.</summary>
    private Task<CommitOutcome> CommitMovementAsync(Posting posting, string action, Actor actor, string details, IdempotencyStamp? idempotency, Action<AccountBook> apply)
    {
        var now = clock.GetUtcNow();
        var audit = new AuditEntry($"posting:{posting.PostingId}", $"account:{Id}", action, actor.ParticipantId, now, details);
        return _book.CommitAsync(new LedgerCommit(posting, _book.Fence, null, actor.ParticipantId, now, audit, idempotency), apply);
    }

    /// <summary>A step of a transfer: the posting is its own audit record (<see cref="TransferAuditTrail"/>).</summary>
    private Task<CommitOutcome> CommitTransferStepAsync(Posting posting, TransferRecord transfer, Actor actor, IdempotencyStamp? idempotency, Action<AccountBook> apply) =>
        _book.CommitAsync(new LedgerCommit(posting, _book.Fence, transfer, actor.ParticipantId, clock.GetUtcNow(), null, idempotency), apply);

    /// <summary>
    /// Runs the checks; if they refuse but the posting is already booked, the command is a repeat of one that
    /// succeeded (its answer was lost), and the repeat succeeds too instead of reporting, say, the funds it moved.
    /// </summary>
    private async Task EnsureAllowedUnlessRepeatAsync(string postingId, Func<Task> checks)
    {
        try
        {
            await checks();
        }
        catch (DomainException)
        {
            if (!await store.PostingExistsAsync(postingId))
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Checks that the owner may pay <paramref name="transfer"/>'s amount; if not, but the transfer exists, returns it:
    /// a repeat of a transfer already made is answered with it, whatever the balance is now.
    /// </summary>
    private async Task<TransferRecord?> RefusedUnlessRepeatAsync(TransferRecord transfer, string purpose)
    {
        try
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await _book.EnsureAvailableAsync(new Money(transfer.AmountFen), purpose);
            return null;
        }
        catch (DomainException)
        {
            if (await store.LoadTransferAsync(transfer.TransferId) is { } existing)
            {
                return existing;
            }
            throw;
        }
    }

    public Task OwnerKycChanged(KycStatus status)
    {
        _ownerKyc = status;
        return Task.CompletedTask;
    }

    private async Task EnsureOwnerMayMoveMoneyAsync()
    {
        if (!AccountId.TryGetParticipant(Id, out var participantId))
        {
            return;
        }
        if (_ownerKyc is null)
        {
            // Pulled once per activation; from then on the participant pushes every change (OwnerKycChanged).
            var owner = await GrainFactory.GetGrain<IParticipantGrain>(participantId).TryGet()
                ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Participant {participantId} owning account {Id} is not registered.");
            _ownerKyc ??= owner.KycStatus;
        }
        if (_ownerKyc != KycStatus.Verified)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"Participant {participantId} is {KycLifecycle.Describe(_ownerKyc.Value)}; only KYC-verified participants move money.");
        }
    }

    private async Task<TransferRecord> LoadTransferAsync(Guid transferId) =>
        await store.LoadTransferAsync(transferId)
        ?? throw new DomainException(DomainErrors.TransferNotFound, $"Transfer {transferId} has no reservation on account {Id}.");
}
