using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Holds the account's balances in memory, loaded from the ledger at activation; every change is first
/// committed to the ledger (posting + transfer row + audit entry in one transaction) and only then applied here.
/// </summary>
[GrainType("account")]
internal sealed class AccountGrain(ILedgerStore store, TimeProvider clock) : Grain, IAccountGrain
{
    private readonly Dictionary<Guid, TransferRecord> _reservations = [];
    private KycStatus? _ownerKyc;
    private long _availableFen;
    private long _reservedFen;
    private long _version;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (AccountId.IsContraAccount(Id))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Account {Id} is the outside world's side of the ledger; it has no grain.");
        }
        await ReloadAsync(cancellationToken);
        foreach (var reservation in await store.LoadReservationsAsync(Id, cancellationToken))
        {
            _reservations[reservation.TransferId] = reservation;
        }
    }

    public async Task<AccountSnapshot> GetBalances()
    {
        // Credits from transfers are booked by the payer's account; read them in before answering.
        await ReloadAsync(CancellationToken.None);
        return Snapshot();
    }

    public async Task<AccountSnapshot> Deposit(string postingId, Money amount, string memo, Actor actor)
    {
        await EnsureAllowedUnlessRepeatAsync(postingId, EnsureOwnerMayMoveMoneyAsync);
        var posting = Posting.Move(postingId, PostingKind.Deposit, (AccountId.External, Bucket.Available), (Id, Bucket.Available), amount, memo);
        if (await CommitAsync(posting, "deposit", actor, $"{amount} deposited: {memo}") == CommitOutcome.Committed)
        {
            _availableFen += amount.Fen;
        }
        return Snapshot();
    }

    public async Task<AccountSnapshot> Withdraw(string postingId, Money amount, string memo, Actor actor)
    {
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(amount, "to withdraw");
        });
        var posting = Posting.Move(postingId, PostingKind.Withdrawal, (Id, Bucket.Available), (AccountId.External, Bucket.Available), amount, memo);
        if (await CommitAsync(posting, "withdrawal", actor, $"{amount} withdrawn: {memo}") == CommitOutcome.Committed)
        {
            _availableFen -= amount.Fen;
        }
        return Snapshot();
    }

    public async Task<TransferRecord> Reserve(TransferRecord transfer, Actor actor)
    {
        if (_reservations.TryGetValue(transfer.TransferId, out var open))
        {
            return open;
        }
        var amount = new Money(transfer.AmountFen);
        try
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(amount, "to transfer");
        }
        catch (DomainException)
        {
            // A repeat of a transfer already reserved and closed: answer with it, whatever the balance is now.
            if (await store.LoadTransferAsync(transfer.TransferId) is { } existing)
            {
                return existing;
            }
            throw;
        }
        var now = clock.GetUtcNow();
        var reserved = transfer with { PayerAccount = Id, Status = TransferStatus.FundsReserved, CreatedAt = now, UpdatedAt = now };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transfer.TransferId, PostingKind.Reserve), PostingKind.Reserve,
            (Id, Bucket.Available), (Id, Bucket.Reserved), amount, transfer.Memo, transfer.TransferId);
        var outcome = await CommitTransferStepAsync(posting, reserved, actor);
        if (outcome == CommitOutcome.DuplicatePosting)
        {
            return await LoadTransferAsync(transfer.TransferId);
        }
        _availableFen -= amount.Fen;
        _reservedFen += amount.Fen;
        _reservations[transfer.TransferId] = reserved;
        return reserved;
    }

    public async Task<AccountSnapshot> Distribute(string postingId, IReadOnlyList<DistributionPart> parts, string memo, Actor actor)
    {
        var paid = parts.Where(p => p.Amount.Fen > 0).ToArray();
        if (paid.Length == 0 || parts.Any(p => p.Amount.Fen < 0 || AccountId.IsContraAccount(p.AccountId)))
        {
            throw new DomainException(DomainErrors.InvalidAmount, "A distribution pays positive amounts to accounts of the exchange.");
        }
        var total = new Money(paid.Sum(p => p.Amount.Fen));
        await EnsureAllowedUnlessRepeatAsync(postingId, async () =>
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(total, "to pay");
        });
        var lines = new List<PostingLine> { new(Id, Bucket.Available, -total.Fen) };
        lines.AddRange(paid.Select(p => new PostingLine(p.AccountId, Bucket.Available, p.Amount.Fen)));
        var posting = new Posting(postingId, PostingKind.Distribution, lines, memo, null);
        if (await CommitAsync(posting, "distribution", actor, $"{total} to {paid.Length} recipient(s): {memo}") == CommitOutcome.Committed)
        {
            _availableFen -= total.Fen;
        }
        return Snapshot();
    }

    public Task<TransferRecord> Settle(Guid transferId, Actor actor) =>
        CloseReservationAsync(transferId, TransferStatus.Settled, PostingKind.Settle, actor);

    public Task<TransferRecord> Release(Guid transferId, Actor actor) =>
        CloseReservationAsync(transferId, TransferStatus.Released, PostingKind.Release, actor);

    private async Task<TransferRecord> CloseReservationAsync(Guid transferId, TransferStatus closedAs, PostingKind kind, Actor actor)
    {
        if (!_reservations.TryGetValue(transferId, out var reservation))
        {
            // Not open here: either already closed (a repeat, answered from the ledger) or never reserved.
            return await LoadTransferAsync(transferId);
        }
        var amount = new Money(reservation.AmountFen);
        var destination = closedAs == TransferStatus.Settled ? (reservation.PayeeAccount, Bucket.Available) : (Id, Bucket.Available);
        var closed = reservation with { Status = closedAs, UpdatedAt = clock.GetUtcNow() };
        var posting = Posting.Move(TransferAuditTrail.PostingId(transferId, kind), kind, (Id, Bucket.Reserved), destination, amount, reservation.Memo, transferId);
        var outcome = await CommitTransferStepAsync(posting, closed, actor);
        if (outcome == CommitOutcome.DuplicatePosting)
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
    private Task<CommitOutcome> CommitAsync(Posting posting, string action, Actor actor, string details)
    {
        var now = clock.GetUtcNow();
        var audit = new AuditEntry($"posting:{posting.PostingId}", $"account:{Id}", action, actor.ParticipantId, now, details);
        return CommitAsync(new LedgerCommit(posting, new AccountFence(Id, _version), null, actor.ParticipantId, now, audit));
    }

    /// <summary>A step of a transfer: the posting is its own audit record (<see cref="TransferAuditTrail"/>).</summary>
    private Task<CommitOutcome> CommitTransferStepAsync(Posting posting, TransferRecord transfer, Actor actor) =>
        CommitAsync(new LedgerCommit(posting, new AccountFence(Id, _version), transfer, actor.ParticipantId, clock.GetUtcNow()));

    private async Task<CommitOutcome> CommitAsync(LedgerCommit commit)
    {
        CommitOutcome outcome;
        try
        {
            outcome = await store.CommitAsync(commit);
        }
        catch
        {
            // The commit may or may not have reached the database; reload on the next call rather than guess.
            DeactivateOnIdle();
            throw;
        }
        switch (outcome)
        {
            case CommitOutcome.Committed:
                _version++;
                break;
            case CommitOutcome.DuplicatePosting:
                // Booked before, by a call whose answer was lost (or a commit whose outcome came back unknown): this
                // activation's balances and reservations may not include it, so they are reloaded on the next call.
                DeactivateOnIdle();
                break;
            case CommitOutcome.FenceLost:
                DeactivateOnIdle();
                throw new DomainException(DomainErrors.ConcurrentUpdate, $"Account {Id} was written by another activation; the command was not applied.");
        }
        return outcome;
    }

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

    /// <param name="purpose">What the money is for, after its amount: "to withdraw", "to transfer".</param>
    private async Task EnsureAvailableAsync(Money amount, string purpose)
    {
        if (_availableFen >= amount.Fen)
        {
            return;
        }
        // The in-memory balance is a lower bound (incoming transfers are booked by payers); check the ledger.
        await ReloadAsync(CancellationToken.None);
        if (_availableFen < amount.Fen)
        {
            throw new DomainException(DomainErrors.InsufficientFunds,
                $"{Holder} has {new Money(_availableFen)} available, short by {new Money(amount.Fen - _availableFen)} of the {amount} {purpose}.");
        }
    }

    public Task OwnerKycChanged(KycStatus status)
    {
        _ownerKyc = status;
        return Task.CompletedTask;
    }

    /// <summary>Who holds the account, as a refusal names it: its participant, or the platform account itself.</summary>
    private string Holder => AccountId.TryGetParticipant(Id, out var participantId) ? $"Participant {participantId}" : $"Account {Id}";

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

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var balances = await store.LoadBalancesAsync(Id, cancellationToken);
        _availableFen = balances.AvailableFen;
        _reservedFen = balances.ReservedFen;
        _version = balances.Version;
    }

    private AccountSnapshot Snapshot() => new(Id, new Money(_availableFen), new Money(_reservedFen));
}
