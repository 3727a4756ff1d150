using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Storage;

namespace Exchange.Grains.Ledger;

/// <summary>
/// Orchestrates a transfer through its lifecycle. Its durable state is the transfer row the payer's account
/// writes with each posting, so a transfer costs two database commits: reserve, then settle (or release).
/// </summary>
[GrainType("transfer")]
internal sealed class TransferGrain(IExchangeStore store) : Grain, ITransferGrain
{
    private TransferRecord? _record;
    private TransferStatus _status;
    private TransferLifecycle _lifecycle = null!;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = await store.LoadTransferAsync(Id, cancellationToken);
        _status = _record?.Status ?? TransferStatus.Requested;
        _lifecycle = new TransferLifecycle(() => _status, status => _status = status);
    }

    public async Task<TransferSnapshot> Execute(TransferRequest request, Actor actor)
    {
        if (_record is not null)
        {
            if (_record.RequestHash != request.RequestHash)
            {
                throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Transfer {Id} was already requested with a different body.");
            }
            await Resume();
            return Snapshot();
        }

        var payerAccount = AccountId.ForParticipant(request.PayerParticipantId);
        TransferRules.Validate(request, payerAccount);
        await EnsurePayeeMayReceiveAsync(request.PayeeAccount);

        var requested = new TransferRecord(Id, payerAccount, request.PayeeAccount, request.Amount.Fen, request.Mode,
            TransferStatus.Requested, request.RequestHash, actor.ParticipantId, request.Memo, default, default);
        await _lifecycle.AdvanceAsync(TransferTrigger.Reserve, async () =>
            _record = await Payer(payerAccount).Reserve(requested, actor));

        if (request.Mode == TransferMode.Immediate)
        {
            await AdvanceAsync(TransferTrigger.Settle, actor);
        }
        return Snapshot();
    }

    public async Task<TransferSnapshot> Settle(Actor actor)
    {
        EnsureExists();
        await AdvanceAsync(TransferTrigger.Settle, actor);
        return Snapshot();
    }

    public async Task<TransferSnapshot> Release(Actor actor)
    {
        EnsureExists();
        await AdvanceAsync(TransferTrigger.Release, actor);
        return Snapshot();
    }

    public Task<TransferSnapshot?> TryGet() => Task.FromResult(_record is null ? null : Snapshot());

    public async Task Resume()
    {
        if (_record is { Mode: TransferMode.Immediate } && !_lifecycle.IsFinal)
        {
            await AdvanceAsync(TransferTrigger.Settle, Actor.System);
        }
    }

    private Task AdvanceAsync(TransferTrigger trigger, Actor actor) =>
        _lifecycle.AdvanceAsync(trigger, async () =>
        {
            var payer = Payer(_record!.PayerAccount);
            _record = trigger == TransferTrigger.Settle ? await payer.Settle(Id, actor) : await payer.Release(Id, actor);
        });

    private async Task EnsurePayeeMayReceiveAsync(string payeeAccount)
    {
        if (payeeAccount == AccountId.PlatformEscrow)
        {
            return;
        }
        if (!AccountId.TryGetParticipant(payeeAccount, out var payeeId))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"'{payeeAccount}' is not an account of the exchange.", "payee");
        }
        var payee = await GrainFactory.GetGrain<IParticipantGrain>(payeeId).TryGet()
            ?? throw new DomainException(DomainErrors.ParticipantNotFound, $"Payee {payeeId} is not registered.", "payee");
        if (!payee.MayMoveMoney)
        {
            throw new DomainException(DomainErrors.KycNotVerified, $"Payee {payeeId} has KYC status {payee.KycStatus}; only verified participants receive money.", "payee");
        }
    }

    private void EnsureExists()
    {
        if (_record is null)
        {
            throw new DomainException(DomainErrors.TransferNotFound, $"Transfer {Id} does not exist.");
        }
    }

    private IAccountGrain Payer(string account) => GrainFactory.GetGrain<IAccountGrain>(account);

    private TransferSnapshot Snapshot()
    {
        var r = _record!;
        return new TransferSnapshot(Id, r.PayerAccount, r.PayeeAccount, new Money(r.AmountFen), r.Mode, _status, r.Memo, r.RequestedBy, r.CreatedAt, r.UpdatedAt);
    }
}
