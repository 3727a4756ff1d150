using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Ledger;

/// <summary>
/// The transfer's lifecycle (domain.md §2): a held transfer goes requested → funds reserved → settled, or released
/// back to the payer; an immediate one goes requested → settled in one step (nobody can observe a reserved state
/// between the two, so one commit is equivalent). Settled and released are final; repeating the command that reached
/// them is an idempotent no-op.
/// </summary>
public sealed class TransferLifecycle
{
    private static readonly LifecycleWording<TransferStatus, TransferTrigger> Wording = new("transfer", Describe, Describe);
    private readonly StateMachine<TransferStatus, TransferTrigger> _machine;
    private readonly Action<TransferStatus> _write;
    private readonly string _name;

    /// <param name="name">How refusals name the transfer ("Transfer 7f3c…").</param>
    public TransferLifecycle(Func<TransferStatus> read, Action<TransferStatus> write, string name = "The transfer")
    {
        _name = name;
        _write = write;
        _machine = new StateMachine<TransferStatus, TransferTrigger>(read, write) { RetainSynchronizationContext = true };

        _machine.Configure(TransferStatus.Requested)
            .Permit(TransferTrigger.Reserve, TransferStatus.FundsReserved)
            .Permit(TransferTrigger.Pay, TransferStatus.Settled);

        _machine.Configure(TransferStatus.FundsReserved)
            .Ignore(TransferTrigger.Reserve)
            .Permit(TransferTrigger.Settle, TransferStatus.Settled)
            .Permit(TransferTrigger.Release, TransferStatus.Released);

        _machine.Configure(TransferStatus.Settled)
            .Ignore(TransferTrigger.Reserve)
            .Ignore(TransferTrigger.Settle)
            .Ignore(TransferTrigger.Pay);

        _machine.Configure(TransferStatus.Released)
            .Ignore(TransferTrigger.Reserve)
            .Ignore(TransferTrigger.Release);

        _machine.OnUnhandledTrigger((state, trigger) => throw new DomainException(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger)));
    }

    public TransferStatus Status => _machine.State;

    /// <summary>How a transfer of <paramref name="mode"/> starts: an immediate one pays at once, a held one reserves.</summary>
    public static TransferTrigger Opening(TransferMode mode) => mode == TransferMode.Immediate ? TransferTrigger.Pay : TransferTrigger.Reserve;

    public bool IsFinal => Status is TransferStatus.Settled or TransferStatus.Released;

    /// <summary>
    /// Whether a transfer in this durable status still holds its payer's money: reserved, and neither settled nor
    /// released yet. For code that reads a transfer's row or snapshot rather than driving its machine (an escrow
    /// checking its parts, the desk finding a reservation an earlier version left open).
    /// </summary>
    public static bool HoldsFunds(TransferStatus status) => status == TransferStatus.FundsReserved;

    /// <summary>Paid to its payee (an immediate transfer, or a hold settled).</summary>
    public static bool IsSettled(TransferStatus status) => status == TransferStatus.Settled;

    /// <summary>The final status a closing trigger leads to: settle to settled, release to released.</summary>
    public static TransferStatus ClosedBy(TransferTrigger trigger) => trigger switch
    {
        TransferTrigger.Settle => TransferStatus.Settled,
        TransferTrigger.Release => TransferStatus.Released,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Only settle and release close a transfer."),
    };

    /// <summary>Whether the ledger holds the transfer closed the way <paramref name="trigger"/> closes it (and not the other way).</summary>
    public static bool IsClosedBy(TransferStatus durable, TransferTrigger trigger) => durable == ClosedBy(trigger);

    /// <summary>
    /// Moves to the trigger's target and runs <paramref name="effect"/>, which makes the move durable. Returns
    /// false when the trigger is an idempotent repeat. If the effect fails, the machine goes back where it was,
    /// so memory never claims a state the ledger does not hold.
    /// </summary>
    public async Task<bool> AdvanceAsync(TransferTrigger trigger, Func<Task> effect)
    {
        var before = _machine.State;
        await _machine.FireAsync(trigger);
        if (_machine.State == before)
        {
            return false;
        }
        try
        {
            await effect();
            return true;
        }
        catch
        {
            // Written back directly, not through a trigger: this undoes a move that never became durable.
            _write(before);
            throw;
        }
    }

    /// <summary>
    /// Takes over the status the ledger holds (on loading, or when a repeat finds the transfer further along).
    /// Not a transition: the move already happened, durably, in an earlier activation.
    /// </summary>
    public void AdoptDurableStatus(TransferStatus status) => _write(status);

    /// <summary>A transfer's status in words, as refusals and other messages say it.</summary>
    public static string Describe(TransferStatus status) => status switch
    {
        TransferStatus.Requested => "requested",
        TransferStatus.FundsReserved => "held with its funds reserved",
        TransferStatus.Settled => "settled",
        TransferStatus.Released => "released back to its payer",
        _ => Words.Spell(status.ToString()),
    };

    /// <summary>A step of a transfer in words ("be settled").</summary>
    public static string Describe(TransferTrigger trigger) => trigger switch
    {
        TransferTrigger.Reserve => "reserve its funds",
        TransferTrigger.Settle => "be settled",
        TransferTrigger.Release => "be released",
        _ => Words.Spell(trigger.ToString()),
    };

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
