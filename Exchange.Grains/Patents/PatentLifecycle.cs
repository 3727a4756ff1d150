using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Patents;

/// <summary>
/// A patent's legal status over its life (domain.md §3). Time drives most moves — a fee falls due unpaid, the
/// six-month grace period runs out (2023 Regulations Art. 115), the term ends (Patent Law Art. 42) — and
/// commands drive the rest: grant, payment, restoration within two months of the lapse notice (2023
/// Regulations Art. 6), invalidation (which may be sought even after lapse or expiry). What the status allows —
/// licensing, transferring, offering an open licence, paying a fee — is checked here too, as internal transitions.
/// </summary>
public sealed class PatentLifecycle
{
    public const int RestorationMonths = 2;

    private static readonly LifecycleWording<LegalStatus, LegalStatusTrigger> Wording = new("patent", Describe, Describe);
    private readonly StateMachine<LegalStatus, LegalStatusTrigger> _machine;
    private readonly StateMachine<LegalStatus, LegalStatusTrigger>.TriggerWithParameters<DateOnly> _restore;

    /// <param name="read">Reads the stored status.</param>
    /// <param name="write">Writes the status back to the grain's state.</param>
    /// <param name="lapseNoticeDate">When the lapse was notified; restoration is open for two months from it.</param>
    /// <param name="name">How refusals name the patent ("Patent 201710601862.3").</param>
    public PatentLifecycle(Func<LegalStatus> read, Action<LegalStatus> write, Func<DateOnly?> lapseNoticeDate, string name = "The patent")
    {
        _machine = new StateMachine<LegalStatus, LegalStatusTrigger>(read, write) { RetainSynchronizationContext = true };
        _restore = _machine.SetTriggerParameters<DateOnly>(LegalStatusTrigger.Restore);

        _machine.Configure(LegalStatus.Pending)
            .Permit(LegalStatusTrigger.Grant, LegalStatus.InForce);

        _machine.Configure(LegalStatus.InForce)
            .Permit(LegalStatusTrigger.FeeOverdue, LegalStatus.GracePeriod)
            .Permit(LegalStatusTrigger.TermEnded, LegalStatus.Expired)
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated)
            .Ignore(LegalStatusTrigger.FeePaid)
            .InternalTransitionIf(LegalStatusTrigger.License, _ => true, Allowed, "a licence may start")
            .InternalTransitionIf(LegalStatusTrigger.Transfer, _ => true, Allowed, "it may be assigned")
            .InternalTransitionIf(LegalStatusTrigger.OfferOpenLicense, _ => true, Allowed, "an open licence may be offered")
            .InternalTransitionIf(LegalStatusTrigger.PayFee, _ => true, Allowed, "an annual fee may be paid");

        _machine.Configure(LegalStatus.Restored)
            .SubstateOf(LegalStatus.InForce);

        _machine.Configure(LegalStatus.GracePeriod)
            .Permit(LegalStatusTrigger.FeePaid, LegalStatus.InForce)
            .Permit(LegalStatusTrigger.GraceExpired, LegalStatus.Lapsed)
            .Permit(LegalStatusTrigger.TermEnded, LegalStatus.Expired)
            .Permit(LegalStatusTrigger.Invalidate, LegalStatus.Invalidated)
            .InternalTransitionIf(LegalStatusTrigger.PayFee, _ => true, Allowed, "an annual fee may be paid");

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

        _name = name;
        _machine.OnUnhandledTrigger((state, trigger, unmetGuards) => throw Refusal(state, trigger, unmetGuards));
    }

    private readonly string _name;

    public LegalStatus Status => _machine.State;

    /// <summary>In force, including after restoration: what licences, pledges and transfers require.</summary>
    public bool IsInForce => _machine.IsInState(LegalStatus.InForce);

    /// <summary>
    /// The same question without building a machine, for read paths: a patent grain answers reads from its state
    /// and builds its machine only to move (the machine is a few KB per activation, and most activations only read).
    /// Kept beside the configuration above, which makes Restored a substate of InForce.
    /// </summary>
    public static bool IsInForceStatus(LegalStatus status) => status is LegalStatus.InForce or LegalStatus.Restored;

    /// <summary>Whether an annual fee is overdue and the patent lives on only through its grace period.</summary>
    public static bool OwesOverdueFee(LegalStatus status) => status == LegalStatus.GracePeriod;

    /// <summary>Whether deadlines run on the patent (fees falling due, the grace period, the term): in force or in grace.</summary>
    public static bool HasRunningDeadlines(LegalStatus status) => IsInForceStatus(status) || status == LegalStatus.GracePeriod;

    /// <summary>Whether the status has a next annual fee to pay (the same states as the running deadlines).</summary>
    public static bool OwesFees(LegalStatus status) => HasRunningDeadlines(status);

    /// <summary>Whether a record filing must be refused: an annual fee is in its grace period (2023 Regulations Art. 15).</summary>
    public static bool BlocksFiling(LegalStatus status) => status == LegalStatus.GracePeriod;

    public bool CanBeLicensed => _machine.CanFire(LegalStatusTrigger.License);

    public bool CanBeTransferred => _machine.CanFire(LegalStatusTrigger.Transfer);

    public void Grant() => _machine.Fire(LegalStatusTrigger.Grant);

    /// <exception cref="DomainException">patent-not-in-force, naming the status.</exception>
    public void EnsureMayBeLicensed() => _machine.Fire(LegalStatusTrigger.License);

    /// <exception cref="DomainException">patent-not-in-force, naming the status.</exception>
    public void EnsureMayBeTransferred() => _machine.Fire(LegalStatusTrigger.Transfer);

    /// <exception cref="DomainException">patent-not-in-force, naming the status.</exception>
    public void EnsureMayOfferOpenLicense() => _machine.Fire(LegalStatusTrigger.OfferOpenLicense);

    /// <exception cref="DomainException">invalid-patent-transition: fees are paid in force or in the grace period.</exception>
    public void EnsureMayPayFee() => _machine.Fire(LegalStatusTrigger.PayFee);

    /// <summary>A fee was paid: a patent in its grace period is in force again.</summary>
    public void RecordFeePaid() => _machine.Fire(LegalStatusTrigger.FeePaid);

    /// <summary>Records a final invalidation decision; false when the patent was already invalidated.</summary>
    public bool Invalidate() => TryFire(LegalStatusTrigger.Invalidate);

    public void Restore(DateOnly requestedOn) => _machine.Fire(_restore, requestedOn);

    /// <exception cref="DomainException">The patent is not lapsed, or the two-month window has closed.</exception>
    public void EnsureMayRestore(DateOnly requestedOn)
    {
        if (!_machine.CanFire(_restore, requestedOn, out var unmet))
        {
            throw Refusal(Status, LegalStatusTrigger.Restore, unmet);
        }
    }

    /// <summary>Whether a restoration requested on that day would be accepted (status and two-month window).</summary>
    public bool CanRestore(DateOnly requestedOn) => _machine.CanFire(_restore, requestedOn);

    /// <summary>
    /// The first deadline that has passed by <paramref name="today"/>: the term's end, a fee unpaid at its due date,
    /// a grace period run out. Null when none has; applying one may reveal the next.
    /// </summary>
    public LegalStatusTrigger? PassedDeadline(DateOnly today, DateOnly lastDayOfTerm, NextAnnualFee? nextFee)
    {
        if (!HasRunningDeadlines(Status))
        {
            return null;
        }
        if (today > lastDayOfTerm)
        {
            return LegalStatusTrigger.TermEnded;
        }
        if (nextFee is null)
        {
            return null;
        }
        if (IsInForce && today > nextFee.DueDate)
        {
            return LegalStatusTrigger.FeeOverdue;
        }
        return Status == LegalStatus.GracePeriod && today >= nextFee.GraceEnds ? LegalStatusTrigger.GraceExpired : null;
    }

    /// <summary>Applies a deadline that <see cref="PassedDeadline"/> found.</summary>
    public void ApplyDeadline(LegalStatusTrigger deadline)
    {
        if (deadline is not (LegalStatusTrigger.TermEnded or LegalStatusTrigger.FeeOverdue or LegalStatusTrigger.GraceExpired))
        {
            throw new ArgumentException($"{deadline} is not a deadline.", nameof(deadline));
        }
        _machine.Fire(deadline);
    }

    public bool CanFire(LegalStatusTrigger trigger) => _machine.CanFire(trigger);

    /// <summary>The effect of a check: none. The guard texts name what each check allows, for the exported diagram.</summary>
    private static void Allowed(StateMachine<LegalStatus, LegalStatusTrigger>.Transition transition)
    {
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat or a check).</summary>
    /// <exception cref="DomainException">The trigger is not allowed in the current status.</exception>
    public bool TryFire(LegalStatusTrigger trigger)
    {
        if (trigger == LegalStatusTrigger.Restore)
        {
            throw new ArgumentException("Restoration needs its request date: call Restore.", nameof(trigger));
        }
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    private DomainException Refusal(LegalStatus state, LegalStatusTrigger trigger, ICollection<string>? unmetGuards) => new(
        trigger is LegalStatusTrigger.License or LegalStatusTrigger.Transfer or LegalStatusTrigger.OfferOpenLicense
            ? DomainErrors.PatentNotInForce : DomainErrors.InvalidPatentTransition,
        Wording.Refusal(_machine, _name, state, trigger, unmetGuards));

    /// <summary>A patent's legal status in words, as refusals and other messages say it.</summary>
    public static string Describe(LegalStatus status) => status switch
    {
        LegalStatus.Pending => "a pending application",
        LegalStatus.InForce => "in force",
        LegalStatus.Restored => "in force again after restoration",
        LegalStatus.GracePeriod => "in the grace period of an unpaid annual fee",
        LegalStatus.Lapsed => "lapsed for an unpaid annual fee",
        LegalStatus.Expired => "expired",
        LegalStatus.Invalidated => "invalidated",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(LegalStatusTrigger trigger) => trigger switch
    {
        LegalStatusTrigger.Grant => "be granted",
        LegalStatusTrigger.FeeOverdue => "enter the grace period of an unpaid fee",
        LegalStatusTrigger.FeePaid => "leave a grace period by a payment",
        LegalStatusTrigger.GraceExpired => "lapse for an unpaid fee",
        LegalStatusTrigger.Restore => "be restored",
        LegalStatusTrigger.TermEnded => "expire at the end of its term",
        LegalStatusTrigger.Invalidate => "be invalidated",
        LegalStatusTrigger.License => "be licensed",
        LegalStatusTrigger.Transfer => "be transferred",
        LegalStatusTrigger.OfferOpenLicense => "be offered under an open licence",
        LegalStatusTrigger.PayFee => "have an annual fee paid",
        _ => null,
    };
}
