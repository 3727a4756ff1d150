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
    private static readonly LifecycleWording<KycStatus, KycDecision> Wording = new("participant", Describe, Describe);
    private readonly StateMachine<KycStatus, KycDecision> _machine;
    private readonly string _name;

    /// <param name="name">How refusals name the participant ("Participant 7f3c…").</param>
    public KycLifecycle(Func<KycStatus> read, Action<KycStatus> write, string name = "The participant")
    {
        _name = name;
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

        _machine.OnUnhandledTrigger((state, decision) => throw new DomainException(DomainErrors.InvalidKycChange, Wording.Refusal(_machine, _name, state, decision)));
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

    /// <summary>A participant's KYC status in words, as refusals and other messages say it.</summary>
    public static string Describe(KycStatus status) => status switch
    {
        KycStatus.Pending => "awaiting its KYC check",
        KycStatus.Verified => "KYC-verified",
        KycStatus.Rejected => "rejected at its KYC check",
        KycStatus.Suspended => "suspended",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(KycDecision decision) => decision switch
    {
        KycDecision.Verify => "be verified",
        KycDecision.Reject => "be rejected",
        KycDecision.Suspend => "be suspended",
        KycDecision.Reinstate => "be reinstated",
        _ => null,
    };

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
