using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.PatentTransfers;

/// <summary>
/// An assignment of a patent (domain.md §4): proposed → every co-owner consents (Patent Law Art. 14) → the
/// buyer's funds go into escrow → the assignment is recorded with the patent office, from which it takes effect
/// → settled: sellers paid, owner changed. Until recorded it may be cancelled, which releases the escrow.
/// </summary>
public sealed class PatentTransferLifecycle
{
    private readonly StateMachine<PatentTransferStatus, PatentTransferTrigger> _machine;

    public PatentTransferLifecycle(Func<PatentTransferStatus> read, Action<PatentTransferStatus> write, Func<bool> exportApprovalSatisfied)
    {
        _machine = new StateMachine<PatentTransferStatus, PatentTransferTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(PatentTransferStatus.Proposed)
            .Permit(PatentTransferTrigger.AllConsented, PatentTransferStatus.Consented)
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled);
        _machine.Configure(PatentTransferStatus.Consented)
            .Ignore(PatentTransferTrigger.AllConsented)
            .Permit(PatentTransferTrigger.Escrow, PatentTransferStatus.FundsInEscrow)
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled);
        _machine.Configure(PatentTransferStatus.FundsInEscrow)
            .Ignore(PatentTransferTrigger.Escrow)
            .PermitIf(PatentTransferTrigger.Record, PatentTransferStatus.Recorded, exportApprovalSatisfied, "a foreign buyer's technology-export approval is on file")
            .Permit(PatentTransferTrigger.Cancel, PatentTransferStatus.Cancelled);
        _machine.Configure(PatentTransferStatus.Recorded)
            .Ignore(PatentTransferTrigger.Record)
            .Permit(PatentTransferTrigger.Settle, PatentTransferStatus.Settled);
        _machine.Configure(PatentTransferStatus.Settled)
            .Ignore(PatentTransferTrigger.Record)
            .Ignore(PatentTransferTrigger.Settle);
        _machine.Configure(PatentTransferStatus.Cancelled)
            .Ignore(PatentTransferTrigger.Cancel);
        _machine.OnUnhandledTrigger((state, trigger, unmet) => throw new DomainException(
            unmet is { Count: > 0 } ? DomainErrors.ExportApprovalMissing
                : trigger == PatentTransferTrigger.Escrow && state == PatentTransferStatus.Proposed ? DomainErrors.ConsentMissing
                : DomainErrors.InvalidTransition,
            unmet is { Count: > 0 }
                ? $"The transfer can be recorded only when {string.Join(" and ", unmet)}."
                : $"A patent transfer that is {state} cannot take {trigger}."));
    }

    public PatentTransferStatus Status => _machine.State;

    public void Fire(PatentTransferTrigger trigger) => _machine.Fire(trigger);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
