using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.PatentTransfers;

/// <summary>
/// An assignment of a patent (domain.md §4): proposed → every co-owner consents (Patent Law Art. 14) → the
/// buyer's funds go into escrow → the assignment is recorded with the patent office, from which it takes effect
/// → settled: sellers paid, owner changed. Until recorded it may be cancelled, which releases the escrow; it is
/// cancelled by itself when not recorded in time (domain.md §2: whatever holds money or a patent has a deadline).
/// </summary>
public sealed class PatentTransferLifecycle
{
    private static readonly LifecycleWording<PatentTransferStatus, PatentTransferTrigger> Wording = new("patent transfer", Describe, Describe);
    private readonly StateMachine<PatentTransferStatus, PatentTransferTrigger> _machine;
    private readonly string _name;

    /// <param name="name">How refusals name the transfer ("Patent transfer 7f3c…").</param>
    public PatentTransferLifecycle(Func<PatentTransferStatus> read, Action<PatentTransferStatus> write, Func<bool> exportApprovalSatisfied, string name = "The patent transfer")
    {
        _name = name;
        _machine = new StateMachine<PatentTransferStatus, PatentTransferTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(PatentTransferStatus.Proposed)
            .Permit(PatentTransferTrigger.AllConsented, PatentTransferStatus.Consented)
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled)
            .InternalTransitionIf(PatentTransferTrigger.Consent, _ => true, Allowed, "co-owners consent");
        _machine.Configure(PatentTransferStatus.Consented)
            .Ignore(PatentTransferTrigger.AllConsented)
            .Permit(PatentTransferTrigger.Escrow, PatentTransferStatus.FundsInEscrow)
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled);
        _machine.Configure(PatentTransferStatus.FundsInEscrow)
            .Ignore(PatentTransferTrigger.Escrow)
            .PermitIf(PatentTransferTrigger.Record, PatentTransferStatus.Recorded, exportApprovalSatisfied, "a foreign buyer's technology-export approval is on file")
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled);
        _machine.Configure(PatentTransferStatus.Recorded)
            .Ignore(PatentTransferTrigger.Escrow)
            .Ignore(PatentTransferTrigger.Record)
            .Permit(PatentTransferTrigger.Settle, PatentTransferStatus.Settled);
        _machine.Configure(PatentTransferStatus.Settled)
            .Ignore(PatentTransferTrigger.Escrow)
            .Ignore(PatentTransferTrigger.Record)
            .Ignore(PatentTransferTrigger.Settle);
        _machine.Configure(PatentTransferStatus.Cancelled)
            .Ignore(PatentTransferTrigger.Cancel);
        _machine.OnUnhandledTrigger((state, trigger, unmet) => throw Refusal(state, trigger, unmet));
    }

    public PatentTransferStatus Status => _machine.State;

    /// <summary>Not yet recorded nor cancelled: it holds the patent (and perhaps the escrow), so its deadline runs.</summary>
    public bool IsOpen => Status is PatentTransferStatus.Proposed or PatentTransferStatus.Consented or PatentTransferStatus.FundsInEscrow;

    /// <summary>Recorded with the patent office but not yet settled: the settlement is owed.</summary>
    public bool AwaitsSettlement => Status == PatentTransferStatus.Recorded;

    /// <summary>The buyer's funds are (or were) in escrow: nothing to reserve again.</summary>
    public bool IsEscrowed => Status is PatentTransferStatus.FundsInEscrow or PatentTransferStatus.Recorded or PatentTransferStatus.Settled;

    /// <exception cref="DomainException">invalid-transition: consents are given while the transfer is proposed.</exception>
    public void EnsureMayConsent() => _machine.Fire(PatentTransferTrigger.Consent);

    /// <summary>The last co-owner consented.</summary>
    public void AllConsented() => _machine.Fire(PatentTransferTrigger.AllConsented);

    /// <exception cref="DomainException">consent-missing before every co-owner consented; invalid-transition once cancelled.</exception>
    public void EnsureMayEscrow()
    {
        if (!IsEscrowed && !_machine.CanFire(PatentTransferTrigger.Escrow, out var unmet))
        {
            throw Refusal(Status, PatentTransferTrigger.Escrow, unmet);
        }
    }

    public void Escrowed() => _machine.Fire(PatentTransferTrigger.Escrow);

    /// <summary>Records the assignment; false when it already was.</summary>
    /// <exception cref="DomainException">The funds are not in escrow, or a foreign buyer's export approval is missing.</exception>
    public bool Record() => TryFire(PatentTransferTrigger.Record);

    public bool Settle() => TryFire(PatentTransferTrigger.Settle);

    /// <summary>Cancels a transfer not yet recorded; false when already cancelled.</summary>
    /// <exception cref="DomainException">invalid-transition once recorded: a recorded assignment has taken effect.</exception>
    public bool Cancel() => TryFire(PatentTransferTrigger.Cancel);

    public bool TryFire(PatentTransferTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    /// <summary>The effect of a check: none. The guard texts name what each check allows, for the exported diagram.</summary>
    private static void Allowed(StateMachine<PatentTransferStatus, PatentTransferTrigger>.Transition transition)
    {
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    private DomainException Refusal(PatentTransferStatus state, PatentTransferTrigger trigger, ICollection<string>? unmet) =>
        unmet is { Count: > 0 } ? new(DomainErrors.ExportApprovalMissing, Wording.Refusal(_machine, _name, state, trigger, unmet))
        : trigger == PatentTransferTrigger.Escrow && state == PatentTransferStatus.Proposed
            ? new(DomainErrors.ConsentMissing, $"{_name} still awaits a co-owner's consent; the buyer's funds go into escrow after the last consent.")
        : new(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger));

    /// <summary>A patent transfer's status in words, as refusals and other messages say it.</summary>
    public static string Describe(PatentTransferStatus status) => status switch
    {
        PatentTransferStatus.Proposed => "awaiting its co-owners' consents",
        PatentTransferStatus.Consented => "awaiting the buyer's funds",
        PatentTransferStatus.FundsInEscrow => "holding the buyer's funds in escrow",
        PatentTransferStatus.Recorded => "recorded with the patent office",
        PatentTransferStatus.Settled => "settled",
        PatentTransferStatus.Cancelled => "cancelled",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(PatentTransferTrigger trigger) => trigger switch
    {
        PatentTransferTrigger.Consent => "take a co-owner's consent",
        PatentTransferTrigger.AllConsented => "take its last consent",
        PatentTransferTrigger.Escrow => "take the buyer's funds into escrow",
        PatentTransferTrigger.Record => "be recorded with the patent office",
        PatentTransferTrigger.Settle => "be settled",
        PatentTransferTrigger.Cancel => "be cancelled",
        _ => null,
    };
}
