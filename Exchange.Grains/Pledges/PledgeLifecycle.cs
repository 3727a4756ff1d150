using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Pledges;

/// <summary>
/// A pledge's lifecycle (domain.md §6): applied → under review → registered (or refused with reasons) → repaid and
/// released; or registered → defaulted → royalties swept to the pledgee → enforced by a sale of the collateral →
/// closed. An application may be withdrawn until it is decided. Paying the arrears cures a default (and ends the
/// sweep); paying everything owed releases the pledge even while it is being enforced, until the sale is paid for. The collateral is locked from the application on, so that nothing is sold or licensed while the office
/// reviews, until the pledge is released, refused, withdrawn or closed.
/// </summary>
public sealed class PledgeLifecycle
{
    private static readonly LifecycleWording<PledgeStatus, PledgeTrigger> Wording = new("pledge", Describe, Describe);
    private readonly StateMachine<PledgeStatus, PledgeTrigger> _machine;
    private readonly string _name;

    /// <param name="pledgesRoyalties">Whether the collateral includes the royalty receivables of licences (only then can royalties be swept).</param>
    public PledgeLifecycle(Func<PledgeStatus> read, Action<PledgeStatus> write, Func<bool> pledgesRoyalties, string name = "The pledge")
    {
        _name = name;
        _machine = new StateMachine<PledgeStatus, PledgeTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(PledgeStatus.Applied)
            .Permit(PledgeTrigger.StartReview, PledgeStatus.UnderReview)
            .Permit(PledgeTrigger.Withdraw, PledgeStatus.Withdrawn);
        _machine.Configure(PledgeStatus.UnderReview)
            .Ignore(PledgeTrigger.StartReview)
            .Permit(PledgeTrigger.Register, PledgeStatus.Registered)
            .Permit(PledgeTrigger.Refuse, PledgeStatus.Refused)
            .Permit(PledgeTrigger.Withdraw, PledgeStatus.Withdrawn);
        _machine.Configure(PledgeStatus.Registered)
            .Ignore(PledgeTrigger.Register)
            .Ignore(PledgeTrigger.Cure)
            .Permit(PledgeTrigger.RepayInFull, PledgeStatus.Released)
            .Permit(PledgeTrigger.Default, PledgeStatus.Defaulted)
            .InternalTransitionIf(PledgeTrigger.RecordRepayment, _ => true, Allowed, "instalments are owed");
        _machine.Configure(PledgeStatus.Defaulted)
            .Ignore(PledgeTrigger.Default)
            .Permit(PledgeTrigger.Cure, PledgeStatus.Registered)
            .PermitIf(PledgeTrigger.SweepRoyalties, PledgeStatus.RoyaltiesSwept, pledgesRoyalties, "the collateral includes licence royalties")
            .Permit(PledgeTrigger.Enforce, PledgeStatus.Enforcing)
            .InternalTransitionIf(PledgeTrigger.RecordRepayment, _ => true, Allowed, "arrears are owed");
        _machine.Configure(PledgeStatus.RoyaltiesSwept)
            .Ignore(PledgeTrigger.Default)
            .Ignore(PledgeTrigger.SweepRoyalties)
            .Permit(PledgeTrigger.Cure, PledgeStatus.Registered)
            .Permit(PledgeTrigger.Enforce, PledgeStatus.Enforcing)
            .InternalTransitionIf(PledgeTrigger.RecordRepayment, _ => true, Allowed, "arrears are owed");
        // Until the sale is paid for, the pledgor may still redeem the collateral by paying everything owed (Civil Code Art. 436).
        _machine.Configure(PledgeStatus.Enforcing)
            .Ignore(PledgeTrigger.Enforce)
            .Permit(PledgeTrigger.Close, PledgeStatus.Closed)
            .Permit(PledgeTrigger.RepayInFull, PledgeStatus.Released)
            .InternalTransitionIf(PledgeTrigger.RecordRepayment, _ => true, Allowed, "the debt is owed until the sale");
        _machine.Configure(PledgeStatus.Refused).Ignore(PledgeTrigger.Refuse);
        _machine.Configure(PledgeStatus.Withdrawn).Ignore(PledgeTrigger.Withdraw);
        _machine.Configure(PledgeStatus.Released).Ignore(PledgeTrigger.RepayInFull);
        _machine.Configure(PledgeStatus.Closed).Ignore(PledgeTrigger.Close);
        _machine.OnUnhandledTrigger((state, trigger, unmet) =>
            throw new DomainException(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger, unmet)));
    }

    public PledgeStatus Status => _machine.State;

    /// <summary>Whether the pledge holds its collateral: no transfer or licence of it without the pledgee's consent.</summary>
    public bool LocksCollateral => LocksCollateralIn(Status);

    /// <summary>Whether the loan is running and repayments are taken.</summary>
    public bool TakesRepayments => _machine.CanFire(PledgeTrigger.RecordRepayment);

    /// <summary>Whether the pledge has ended, one way or another.</summary>
    public bool IsFinal => Status is PledgeStatus.Refused or PledgeStatus.Withdrawn or PledgeStatus.Released or PledgeStatus.Closed;

    /// <summary>Whether a review deadline runs: the application awaits the operator's decision.</summary>
    public bool AwaitsDecision => Status is PledgeStatus.Applied or PledgeStatus.UnderReview;

    /// <exception cref="DomainException">invalid-transition: the application was decided or withdrawn.</exception>
    public void EnsureAwaitsDecision(string what)
    {
        if (!AwaitsDecision)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; it no longer {what}.");
        }
    }

    /// <summary>Whether the loan performs: registered and not in default, so that missed instalments may default it.</summary>
    public bool Performs => Status == PledgeStatus.Registered;

    /// <summary>Whether the pledged licences' royalties go to the pledgee now.</summary>
    public bool RoyaltiesAreSwept => Status == PledgeStatus.RoyaltiesSwept;

    /// <exception cref="DomainException">early-repayment-refused: only a performing loan is repaid early (a loan in default pays its arrears first).</exception>
    public void EnsureMayRepayEarly()
    {
        if (Status != PledgeStatus.Registered)
        {
            throw new DomainException(DomainErrors.EarlyRepaymentRefused, $"{_name} is {Describe(Status)}; only a registered, performing loan is repaid early.");
        }
    }

    /// <exception cref="DomainException">invalid-transition: the pledge no longer holds its collateral.</exception>
    public void EnsureLocksCollateral(string what)
    {
        if (!LocksCollateral)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; it holds no collateral to {what}.");
        }
    }

    /// <exception cref="DomainException">invalid-transition: the pledge is not being enforced.</exception>
    public void EnsureEnforcing(string what)
    {
        if (Status != PledgeStatus.Enforcing)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; only a pledge being enforced {what}.");
        }
    }

    /// <exception cref="DomainException">
    /// invalid-transition: a sale of collateral is consented to only on a registered loan not being enforced (before
    /// registration the patents' holds are still being set up; during enforcement the pledge's own sale decides).
    /// </exception>
    public void EnsureMayConsentToSale()
    {
        if (Status is not (PledgeStatus.Registered or PledgeStatus.Defaulted or PledgeStatus.RoyaltiesSwept))
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; a sale of its collateral is consented to only once it is registered and until it is enforced.");
        }
    }

    /// <exception cref="DomainException">invalid-transition: only a loan in default (or a pledge already being enforced) has its collateral sold.</exception>
    public void EnsureMayBeEnforced()
    {
        if (!InDefault && Status != PledgeStatus.Enforcing)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; its collateral is sold only once the loan is in default.");
        }
    }

    /// <exception cref="DomainException">invalid-transition: the pledgee satisfies its claim from the escrow only once the loan is in default.</exception>
    public void EnsureMayDrawOnEscrow()
    {
        if (!InDefault && Status != PledgeStatus.Enforcing)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"{_name} is {Describe(Status)}; the pledgee draws on the escrowed proceeds only once the loan is in default.");
        }
    }

    /// <summary>Whether the pledge ended by the sale of its collateral (what the sale left owed is a shortfall).</summary>
    public bool ClosedByEnforcement => Status == PledgeStatus.Closed;

    /// <summary>Whether the loan is in default (its royalties may be swept, it may be enforced).</summary>
    public bool InDefault => Status is PledgeStatus.Defaulted or PledgeStatus.RoyaltiesSwept;

    public static bool LocksCollateralIn(PledgeStatus status) =>
        status is not (PledgeStatus.Refused or PledgeStatus.Withdrawn or PledgeStatus.Released or PledgeStatus.Closed);

    /// <summary>The operator takes the application up; false if it already had.</summary>
    public bool StartReview() => TryFire(PledgeTrigger.StartReview);

    public bool Register() => TryFire(PledgeTrigger.Register);

    public bool Refuse() => TryFire(PledgeTrigger.Refuse);

    public bool Withdraw() => TryFire(PledgeTrigger.Withdraw);

    /// <exception cref="DomainException">invalid-transition: the loan is not running.</exception>
    public void EnsureTakesRepayments() => _machine.Fire(PledgeTrigger.RecordRepayment);

    /// <summary>The last of the loan is repaid: the pledge is released.</summary>
    public bool RepayInFull() => TryFire(PledgeTrigger.RepayInFull);

    /// <summary>Instalments went unpaid past the grace days; false if the pledge was already in default.</summary>
    public bool Default() => TryFire(PledgeTrigger.Default);

    public bool SweepRoyalties() => TryFire(PledgeTrigger.SweepRoyalties);

    /// <summary>The arrears are paid: the loan performs again (and any sweep of royalties ends).</summary>
    public bool Cure() => TryFire(PledgeTrigger.Cure);

    /// <summary>The pledgee enforces: the collateral goes to a sale.</summary>
    public bool Enforce() => TryFire(PledgeTrigger.Enforce);

    /// <summary>The sale completed and its proceeds were paid out.</summary>
    public bool Close() => TryFire(PledgeTrigger.Close);

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat).</summary>
    /// <exception cref="DomainException">The trigger is not allowed in the current status.</exception>
    public bool TryFire(PledgeTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    private static void Allowed(StateMachine<PledgeStatus, PledgeTrigger>.Transition transition)
    {
    }

    /// <summary>A pledge's status in words, as refusals and other messages say it.</summary>
    public static string Describe(PledgeStatus status) => status switch
    {
        PledgeStatus.Applied => "applied for",
        PledgeStatus.UnderReview => "under review",
        PledgeStatus.Registered => "registered",
        PledgeStatus.Refused => "refused",
        PledgeStatus.Withdrawn => "withdrawn",
        PledgeStatus.Released => "repaid and released",
        PledgeStatus.Defaulted => "in default",
        PledgeStatus.RoyaltiesSwept => "in default with its royalties swept to the pledgee",
        PledgeStatus.Enforcing => "being enforced",
        PledgeStatus.Closed => "closed after enforcement",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(PledgeTrigger trigger) => trigger switch
    {
        PledgeTrigger.StartReview => "be taken up for review",
        PledgeTrigger.Register => "be registered",
        PledgeTrigger.Refuse => "be refused",
        PledgeTrigger.Withdraw => "be withdrawn",
        PledgeTrigger.RepayInFull => "be repaid and released",
        PledgeTrigger.Default => "go into default",
        PledgeTrigger.SweepRoyalties => "have its royalties swept to the pledgee",
        PledgeTrigger.Cure => "be cured",
        PledgeTrigger.Enforce => "be enforced",
        PledgeTrigger.Close => "be closed",
        PledgeTrigger.RecordRepayment => "take repayments",
        _ => null,
    };
}
