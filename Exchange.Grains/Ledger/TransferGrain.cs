using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Orchestrates a transfer through its lifecycle. Its durable state is the transfer row the payer's account
/// writes with each posting: an immediate transfer costs one ledger commit (paid at once, written as settled), a
/// held one two (reserve, then settle or release). A new activation does not read that row before its first
/// <see cref="Execute"/>: the payer's account answers a repeat with the row already stored, which saves a database
/// read on every new transfer.
/// </summary>
[GrainType("transfer")]
internal sealed class TransferGrain(ILedgerStore store) : Grain, ITransferGrain
{
    private TransferRecord? _record;
    private TransferStatus _status;
    private bool _loaded;
    private TransferLifecycle _lifecycle = null!;

    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new TransferLifecycle(() => _status, status => _status = status, $"Transfer {Id}");
        return Task.CompletedTask;
    }

    public async Task<TransferSnapshot> Execute(TransferRequest request, Actor actor, IdempotencyStamp? idempotency = null)
    {
        if (_record is not null)
        {
            return await RepeatAsync(request);
        }

        var bookedHere = false;
        await _lifecycle.AdvanceAsync(TransferLifecycle.Opening(request.Mode), async () =>
        {
            if (request.Mode == TransferMode.Immediate)
            {
                var booking = await ImmediateTransfer.PayAsync(GrainFactory, store, Id, request, actor, idempotency);
                (_record, bookedHere) = (booking.Transfer, booking.BookedNow);
                return;
            }
            var payerAccount = AccountId.ForParticipant(request.PayerParticipantId);
            TransferRules.Validate(request, payerAccount);
            if (await ImmediateTransfer.PayeeRefusedUnlessRepeatAsync(GrainFactory, store, Id, request) is { } existing)
            {
                _record = existing;
                return;
            }
            var requested = new TransferRecord(Id, payerAccount, request.PayeeAccount, request.Amount.Fen, request.Mode,
                TransferStatus.Requested, request.RequestHash, actor.ParticipantId, request.Memo, default, default, request.ControlledBy);
            _record = await GrainFactory.GetGrain<IAccountGrain>(payerAccount).Reserve(requested, actor, idempotency);
        });
        _loaded = true;
        // The account may answer with the row an earlier activation already took further (or, for a transfer an
        // earlier version reserved and left open, with its reservation, which Resume then settles).
        _lifecycle.AdoptDurableStatus(_record!.Status);
        var snapshot = await RepeatAsync(request);
        if (bookedHere)
        {
            // A transfer paid by this call is rarely asked about again, and thousands of idle activations only feed
            // the GC. Only the activation that did the work leaves: a repeat queued behind it is forwarded to a new
            // activation, which finds the transfer paid and stays. (The API pays immediate transfers through
            // TransferDeskGrain, with no activation of this grain at all.)
            DeactivateOnIdle();
        }
        return snapshot;
    }

    /// <summary>Answers a request for an existing transfer: the same request resumes it, another is refused.</summary>
    private async Task<TransferSnapshot> RepeatAsync(TransferRequest request)
    {
        ImmediateTransfer.EnsureSameRequest(_record!, request);
        await Resume();
        return Snapshot();
    }

    public async Task<TransferSnapshot> Settle(Actor actor, IdempotencyStamp? idempotency = null)
    {
        await EnsureExistsAsync();
        EnsureMayControl(actor);
        await AdvanceAsync(TransferTrigger.Settle, actor, idempotency);
        return Snapshot();
    }

    public async Task<TransferSnapshot> Release(Actor actor, IdempotencyStamp? idempotency = null)
    {
        await EnsureExistsAsync();
        EnsureMayControl(actor);
        await AdvanceAsync(TransferTrigger.Release, actor, idempotency);
        return Snapshot();
    }

    public async Task<TransferSnapshot?> TryGet()
    {
        await LoadAsync();
        return _record is null ? null : Snapshot();
    }

    /// <summary>
    /// An immediate transfer is never left reserved today (it is paid in one commit); one that an earlier version
    /// reserved and a crash interrupted before its settle is settled here, by the recovery sweep or a repeat.
    /// </summary>
    public async Task Resume()
    {
        await LoadAsync();
        if (_record is { Mode: TransferMode.Immediate } && !_lifecycle.IsFinal)
        {
            await AdvanceAsync(TransferTrigger.Settle, Actor.System, null);
        }
    }

    private async Task AdvanceAsync(TransferTrigger trigger, Actor actor, IdempotencyStamp? idempotency)
    {
        await _lifecycle.AdvanceAsync(trigger, async () =>
        {
            var payer = Payer(_record!.PayerAccount);
            _record = trigger == TransferTrigger.Settle ? await payer.Settle(Id, actor, idempotency) : await payer.Release(Id, actor, idempotency);
        });
        if (!TransferLifecycle.IsClosedBy(_record!.Status, trigger))
        {
            // The ledger already closed the transfer the other way (an earlier, timed-out call): say so, and agree with it.
            _lifecycle.AdoptDurableStatus(_record.Status);
            throw new DomainException(DomainErrors.InvalidTransition, $"Transfer {Id} is already {TransferLifecycle.Describe(_record.Status)}; it cannot {TransferLifecycle.Describe(trigger)} as well.");
        }
    }

    /// <summary>A held transfer that a process owns (an escrow) moves only by that process, never by the payer.</summary>
    private void EnsureMayControl(Actor actor)
    {
        if (_record!.ControlledBy is { } controller && actor != Actor.System)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Transfer {Id} is held by {controller}; only that process settles or releases it.");
        }
    }

    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }
        _record = await store.LoadTransferAsync(Id);
        _lifecycle.AdoptDurableStatus(_record?.Status ?? TransferStatus.Requested);
        // A transfer not found yet may be paid a moment later by TransferDeskGrain, which bypasses this grain: look
        // again next time rather than remember that it does not exist.
        _loaded = _record is not null;
    }

    private async Task EnsureExistsAsync()
    {
        await LoadAsync();
        if (_record is null)
        {
            throw new DomainException(DomainErrors.TransferNotFound, $"Transfer {Id} does not exist.");
        }
    }

    private IAccountGrain Payer(string account) => GrainFactory.GetGrain<IAccountGrain>(account);

    private TransferSnapshot Snapshot()
    {
        var r = _record!;
        return new TransferSnapshot(Id, r.PayerAccount, r.PayeeAccount, new Money(r.AmountFen), r.Mode, _status, r.Memo, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.ControlledBy);
    }
}
