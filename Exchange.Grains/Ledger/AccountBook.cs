using Exchange.Grains.Common;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// An account grain's memory of the ledger: balances, fence version and open reservations, loaded from the ledger's
/// running snapshot (the same cost at any history length) and advanced only after a commit succeeds. It knows when
/// it may be behind the ledger and reads it again before the next command decides anything.
/// </summary>
internal sealed class AccountBook(string accountId, ILedgerStore store)
{
    private readonly Dictionary<Guid, TransferRecord> _reservations = [];

    /// <summary>
    /// Set when memory may be behind the ledger: a commit whose outcome is unknown (it failed in flight), or a reload
    /// that failed.
    /// </summary>
    private bool _stale = true;

    public long AvailableFen { get; private set; }

    public long ReservedFen { get; private set; }

    /// <summary>The fence the next commit of this account carries.</summary>
    public AccountFence Fence => new(accountId, Version);

    private long Version { get; set; }

    public AccountSnapshot Snapshot() => new(accountId, new Money(AvailableFen), new Money(ReservedFen));

    public bool TryGetReservation(Guid transferId, out TransferRecord reservation) => _reservations.TryGetValue(transferId, out reservation!);

    /// <summary>Balances, fence version and open reservations, from the ledger.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _stale = true;
        var reservations = await store.LoadReservationsAsync(accountId, cancellationToken);
        _reservations.Clear();
        foreach (var reservation in reservations)
        {
            _reservations[reservation.TransferId] = reservation;
        }
        await LoadBalancesAsync(cancellationToken);
        _stale = false;
    }

    /// <summary>
    /// Balances and fence version only: what credits booked by payers change. Reservations are this account's own
    /// writing, already in memory unless the book is stale.
    /// </summary>
    public async Task LoadBalancesAsync(CancellationToken cancellationToken)
    {
        var balances = await store.LoadBalancesAsync(accountId, cancellationToken);
        AvailableFen = balances.AvailableFen;
        ReservedFen = balances.ReservedFen;
        Version = balances.Version;
    }

    public Task RefreshIfStaleAsync() => _stale ? LoadAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>Who holds the account, as a refusal names it: its participant, or the platform account itself.</summary>
    private string Holder => AccountId.TryGetParticipant(accountId, out var participantId) ? $"Participant {participantId}" : $"Account {accountId}";

    /// <summary>
    /// The in-memory balance is a lower bound (incoming transfers are booked by payers): when it looks short, the
    /// ledger decides.
    /// </summary>
    /// <param name="purpose">What the money is for, after its amount: "to withdraw", "to transfer".</param>
    public async Task EnsureAvailableAsync(Money amount, string purpose)
    {
        if (AvailableFen >= amount.Fen)
        {
            return;
        }
        await LoadBalancesAsync(CancellationToken.None);
        if (AvailableFen < amount.Fen)
        {
            throw new DomainException(DomainErrors.InsufficientFunds,
                $"{Holder} has {new Money(AvailableFen)} available, short by {new Money(amount.Fen - AvailableFen)} of the {amount} {purpose}.");
        }
    }

    /// <summary>Commits to the ledger; on success applies <paramref name="apply"/> to memory. Returns the outcome.</summary>
    public async Task<CommitOutcome> CommitAsync(LedgerCommit commit, Action<AccountBook> apply)
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
                Version++;
                apply(this);
                break;
            case CommitOutcome.DuplicatePosting:
                // Booked before, by a call whose answer was lost (or by another activation): memory may not include it.
                // Reloaded in place, not by deactivating the grain: a deactivating grain makes the calls queued behind
                // it (concurrent copies of the same command, other commands on the account) fail with "Forwarding
                // failed" instead of being answered (issue 9).
                await LoadAsync(CancellationToken.None);
                break;
            case CommitOutcome.FenceLost:
                await LoadAsync(CancellationToken.None);
                throw new DomainException(DomainErrors.ConcurrentUpdate, $"Account {accountId} was written by another activation; the command was not applied.");
            case CommitOutcome.IdempotencyKeyReused:
                throw new DomainException(DomainErrors.IdempotencyKeyReused,
                    $"Idempotency-Key '{commit.Idempotency?.Key}' was already used for a different request (or for one whose record has expired); nothing was applied. Use a new key for a new command.",
                    "Idempotency-Key");
        }
        return outcome;
    }

    public void Move(long availableFen, long reservedFen)
    {
        AvailableFen += availableFen;
        ReservedFen += reservedFen;
    }

    public void Reserved(TransferRecord reservation)
    {
        Move(-reservation.AmountFen, reservation.AmountFen);
        _reservations[reservation.TransferId] = reservation;
    }

    public void Closed(TransferRecord reservation, bool backToAvailable)
    {
        Move(backToAvailable ? reservation.AmountFen : 0, -reservation.AmountFen);
        _reservations.Remove(reservation.TransferId);
    }
}
