using Exchange.Grains.Common;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Ledger;

/// <summary>The account's memory of the ledger: what it loaded, what it committed, and when it must read again.</summary>
internal sealed partial class AccountGrain
{
    private readonly Dictionary<Guid, TransferRecord> _reservations = [];
    private KycStatus? _ownerKyc;
    private long _availableFen;
    private long _reservedFen;
    private long _version;

    /// <summary>
    /// Set when memory may be behind the ledger: a commit whose outcome is unknown (it failed in flight), or a reload
    /// that failed. The next command reads the ledger again before it decides anything.
    /// </summary>
    private bool _stale;

    private async Task<CommitOutcome> CommitAsync(LedgerCommit commit)
    {
        CommitOutcome outcome;
        try
        {
            outcome = await store.CommitAsync(commit);
        }
        catch
        {
            // The commit may or may not have reached the database; read it again before the next command rather than guess.
            _stale = true;
            throw;
        }
        switch (outcome)
        {
            case CommitOutcome.Committed:
                _version++;
                break;
            case CommitOutcome.DuplicatePosting:
                // Booked before, by a call whose answer was lost (or by another activation): this activation's balances
                // and reservations may not include it. Reloaded in place, not by deactivating: a deactivating grain
                // makes the calls queued behind it (concurrent copies of the same command, other commands on the
                // account) fail with "Forwarding failed" instead of being answered.
                await ReloadAsync(CancellationToken.None);
                break;
            case CommitOutcome.FenceLost:
                await ReloadAsync(CancellationToken.None);
                throw new DomainException(DomainErrors.ConcurrentUpdate, $"Account {Id} was written by another activation; the command was not applied.");
            case CommitOutcome.IdempotencyKeyReused:
                throw new DomainException(DomainErrors.IdempotencyKeyReused,
                    $"Idempotency-Key '{commit.Idempotency?.Key}' was already used for a different request (or for one whose record has expired); nothing was applied. Use a new key for a new command.",
                    "Idempotency-Key");
        }
        return outcome;
    }

    private Task RefreshIfStaleAsync() => _stale ? ReloadAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>Balances, fence version and open reservations, from the ledger's snapshot (the same cost at any history length).</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _stale = true;
        var reservations = await store.LoadReservationsAsync(Id, cancellationToken);
        _reservations.Clear();
        foreach (var reservation in reservations)
        {
            _reservations[reservation.TransferId] = reservation;
        }
        await ReloadBalancesAsync(cancellationToken);
        _stale = false;
    }

    /// <summary>
    /// Balances and fence version only: what credits booked by payers change. Reservations are this account's own
    /// writing, already in memory unless the activation is stale.
    /// </summary>
    private async Task ReloadBalancesAsync(CancellationToken cancellationToken)
    {
        var balances = await store.LoadBalancesAsync(Id, cancellationToken);
        _availableFen = balances.AvailableFen;
        _reservedFen = balances.ReservedFen;
        _version = balances.Version;
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

    /// <summary>
    /// Checks that the owner may pay <paramref name="transfer"/>'s amount; if not, but the transfer exists, returns it:
    /// a repeat of a transfer already made is answered with it, whatever the balance is now.
    /// </summary>
    private async Task<TransferRecord?> RefusedUnlessRepeatAsync(TransferRecord transfer, string purpose)
    {
        try
        {
            await EnsureOwnerMayMoveMoneyAsync();
            await EnsureAvailableAsync(new Money(transfer.AmountFen), purpose);
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

    private async Task EnsureAvailableAsync(Money amount, string purpose)
    {
        if (_availableFen >= amount.Fen)
        {
            return;
        }
        // The in-memory balance is a lower bound (incoming transfers are booked by payers); check the ledger.
        await ReloadBalancesAsync(CancellationToken.None);
        if (_availableFen < amount.Fen)
        {
            throw new DomainException(DomainErrors.InsufficientFunds,
                $"Account {Id} cannot {purpose}: available {new Money(_availableFen)}, short by {new Money(amount.Fen - _availableFen)}.");
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
            throw new DomainException(DomainErrors.KycNotVerified, $"Participant {participantId} has KYC status {_ownerKyc}; only verified participants move money.");
        }
    }

    private async Task<TransferRecord> LoadTransferAsync(Guid transferId) =>
        await store.LoadTransferAsync(transferId)
        ?? throw new DomainException(DomainErrors.TransferNotFound, $"Transfer {transferId} has no reservation on account {Id}.");
}
