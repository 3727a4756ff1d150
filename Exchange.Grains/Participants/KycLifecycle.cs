using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Participants;

/// <summary>
/// The operator's know-your-customer decisions. Only a verified participant moves money; a suspended one is
/// frozen until reinstated; a rejected one may be verified after resubmission. Repeating the decision that
/// produced the current status is an idempotent no-op.
/// </summary>
public sealed class KycLifecycle
{
    private readonly StateMachine<KycStatus, KycDecision> _machine;

    public KycLifecycle(Func<KycStatus> read, Action<KycStatus> write)
    {
        _machine = new StateMachine<KycStatus, KycDecision>(read, write) { RetainSynchronizationContext = true };

        _machine.Configure(KycStatus.Pending)
            .Permit(KycDecision.Verify, KycStatus.Verified)
            .Permit(KycDecision.Reject, KycStatus.Rejected);

        _machine.Configure(KycStatus.Verified)
            .Ignore(KycDecision.Verify)
            .Ignore(KycDecision.Reinstate)
            .Permit(KycDecision.Suspend, KycStatus.Suspended);

        _machine.Configure(KycStatus.Rejected)
            .Ignore(KycDecision.Reject)
            .Permit(KycDecision.Verify, KycStatus.Verified);

        _machine.Configure(KycStatus.Suspended)
            .Ignore(KycDecision.Suspend)
            .Permit(KycDecision.Reinstate, KycStatus.Verified);

        _machine.OnUnhandledTrigger((state, trigger) => throw new DomainException(
            DomainErrors.InvalidKycChange, $"KYC decision {trigger} is not allowed while the participant is {state}."));
    }

    public KycStatus Status => _machine.State;

    /// <summary>Only a verified participant moves money; the same rule for a status read from elsewhere.</summary>
    public static bool MayMoveMoney(KycStatus status) => status == KycStatus.Verified;

    /// <summary>Records the decision; false when it repeats the one that produced the current status.</summary>
    /// <exception cref="DomainException">The decision is not allowed in the current status (invalid-kyc-change).</exception>
    public bool Decide(KycDecision decision)
    {
        var before = _machine.State;
        _machine.Fire(decision);
        return _machine.State != before;
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
