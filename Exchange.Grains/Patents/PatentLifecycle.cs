using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Patents;

/// <summary>
/// A patent's legal status over its life (domain.md §3). Time drives most moves — a fee falls due unpaid, the
/// six-month grace period runs out (2023 Regulations Art. 115), the term ends (Patent Law Art. 42) — and
/// commands drive the rest: grant, payment, restoration within two months of the lapse notice (2023
/// Regulations Art. 6), invalidation (which may be sought even after lapse or expiry).
/// </summary>
public sealed class PatentLifecycle
{
    public const int RestorationMonths = 2;

    private readonly StateMachine<LegalStatus, LegalStatusTrigger> _machine;
    private readonly StateMachine<LegalStatus, LegalStatusTrigger>.TriggerWithParameters<DateOnly> _restore;

    /// <param name="read">Reads the stored status.</param>
    /// <param name="write">Writes the status back to the grain's state.</param>
    /// <param name="lapseNoticeDate">When the lapse was notified; restoration is open for two months from it.</param>
    public PatentLifecycle(Func<LegalStatus> read, Action<LegalStatus> write, Func<DateOnly?> lapseNoticeDate)
    {
        _machine = new StateMachine<LegalStatus, LegalStatusTrigger>(read, write) { RetainSynchronizationContext = true };
        _restore = _machine.SetTriggerParameters<DateOnly>(LegalStatusTrigger.Restore);

        _machine.Configure(LegalStatus.Pending)
            .Permit(LegalStatusTrigger.Grant, LegalStatus.InForce);

        _machine.Configure(LegalStatus.InForce)
            .Permit(LegalStatusTrigger.FeeOverdue, LegalStatus.GracePeriod)
            .Permit(LegalStatusTrigger.TermEnded, LegalStatus.Expired)
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated)
            .Ignore(LegalStatusTrigger.FeePaid);

        _machine.Configure(LegalStatus.Restored)
            .SubstateOf(LegalStatus.InForce);

        _machine.Configure(LegalStatus.GracePeriod)
            .Permit(LegalStatusTrigger.FeePaid, LegalStatus.InForce)
            .Permit(LegalStatusTrigger.GraceExpired, LegalStatus.Lapsed)
            .Permit(LegalStatusTrigger.TermEnded, LegalStatus.Expired)
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated);

        _machine.Configure(LegalStatus.Lapsed)
            .PermitIf(_restore, LegalStatus.Restored,
                requestedOn => lapseNoticeDate() is { } notice && requestedOn <= notice.AddMonths(RestorationMonths),
                $"requested within {RestorationMonths} months of the lapse notice")
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated)
            .Ignore(LegalStatusTrigger.TermEnded);

        _machine.Configure(LegalStatus.Expired)
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated)
            .Ignore(LegalStatusTrigger.TermEnded);

        _machine.Configure(LegalStatus.Invalidated)
            .Ignore(LegalStatusTrigger.Invalidate)
            .Ignore(LegalStatusTrigger.TermEnded);

        _machine.OnUnhandledTrigger((state, trigger, unmetGuards) => throw new DomainException(
            DomainErrors.InvalidPatentTransition,
            unmetGuards is { Count: > 0 }
                ? $"A {state} patent can be {Describe(trigger)} only when {string.Join(" and ", unmetGuards)}."
                : $"A patent that is {state} cannot be {Describe(trigger)}."));
    }

    public LegalStatus Status => _machine.State;

    /// <summary>In force, including after restoration: what licences, pledges and transfers require.</summary>
    public bool IsInForce => _machine.IsInState(LegalStatus.InForce);

    /// <summary>
    /// The same question without building a machine, for read paths: a patent grain answers reads from its state
    /// and builds its machine only to move (the machine is a few KB per activation, and most activations only read).
    /// Kept beside the configuration above, which makes Restored a substate of InForce.
    /// </summary>
    public static bool IsInForceStatus(LegalStatus status) => status is LegalStatus.InForce or LegalStatus.Restored;

    public void Fire(LegalStatusTrigger trigger)
    {
        if (trigger == LegalStatusTrigger.Restore)
        {
            throw new ArgumentException("Restoration needs its request date: call Restore.", nameof(trigger));
        }
        _machine.Fire(trigger);
    }

    public void Restore(DateOnly requestedOn) => _machine.Fire(_restore, requestedOn);

    public bool CanFire(LegalStatusTrigger trigger) => _machine.CanFire(trigger);

    /// <summary>Whether a restoration requested on that day would be accepted (status and two-month window).</summary>
    public bool CanRestore(DateOnly requestedOn) => _machine.CanFire(_restore, requestedOn);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    private static string Describe(LegalStatusTrigger trigger) => trigger switch
    {
        LegalStatusTrigger.Grant => "granted",
        LegalStatusTrigger.FeeOverdue => "put into the fee grace period",
        LegalStatusTrigger.FeePaid => "paid up out of a grace period",
        LegalStatusTrigger.GraceExpired => "lapsed for an unpaid fee",
        LegalStatusTrigger.Restore => "restored",
        LegalStatusTrigger.TermEnded => "expired",
        LegalStatusTrigger.Invalidate => "invalidated",
        _ => trigger.ToString(),
    };
}
