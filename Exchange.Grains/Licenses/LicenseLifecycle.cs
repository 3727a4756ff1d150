using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Licenses;

/// <summary>
/// A licence's life (domain.md §5): draft → consents pending (every co-owner for an exclusive or sole licence) →
/// active → suspended on payment default (and back when cured) → terminated or expired. Terminated and expired
/// are final. What each status allows — consenting, reporting and paying royalties, filing — is checked here too.
/// </summary>
public sealed class LicenseLifecycle
{
    private static readonly LifecycleWording<LicenseStatus, LicenseTrigger> Wording = new("licence", Describe, Describe);
    private readonly StateMachine<LicenseStatus, LicenseTrigger> _machine;
    private readonly string _name;

    /// <param name="allConsented">Whether every current co-owner whose consent is needed has given it.</param>
    /// <param name="tookEffect">Whether the licence ever took effect (royalties are owed for the periods it did).</param>
    /// <param name="termRunning">Whether its term has not run out yet today.</param>
    /// <param name="name">How refusals name the licence ("Licence 7f3c…").</param>
    public LicenseLifecycle(Func<LicenseStatus> read, Action<LicenseStatus> write, Func<bool> allConsented, Func<bool>? tookEffect = null, Func<bool>? termRunning = null,
        string name = "The licence")
    {
        _name = name;
        var effective = tookEffect ?? (() => true);
        var running = termRunning ?? (() => true);
        _machine = new StateMachine<LicenseStatus, LicenseTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(LicenseStatus.Draft)
            .Permit(LicenseTrigger.Submit, LicenseStatus.ConsentsPending)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated);
        _machine.Configure(LicenseStatus.ConsentsPending)
            .Ignore(LicenseTrigger.Submit)
            .PermitIf(LicenseTrigger.Activate, LicenseStatus.Active, allConsented, "every required consent is given")
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired)
            .InternalTransitionIf(LicenseTrigger.Consent, _ => running(), Allowed, "its term has not run out");
        _machine.Configure(LicenseStatus.Active)
            .Ignore(LicenseTrigger.Submit)
            .Ignore(LicenseTrigger.Activate)
            .Permit(LicenseTrigger.Default, LicenseStatus.Suspended)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired)
            .InternalTransitionIf(LicenseTrigger.Report, _ => true, Allowed, "royalties are owed")
            .InternalTransitionIf(LicenseTrigger.File, _ => true, Allowed, "it may be filed");
        _machine.Configure(LicenseStatus.Suspended)
            .Ignore(LicenseTrigger.Submit)
            .Ignore(LicenseTrigger.Default)
            .Permit(LicenseTrigger.Cure, LicenseStatus.Active)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired)
            .InternalTransitionIf(LicenseTrigger.Report, _ => true, Allowed, "royalties are owed")
            .InternalTransitionIf(LicenseTrigger.File, _ => true, Allowed, "it may be filed");
        _machine.Configure(LicenseStatus.Terminated)
            .Ignore(LicenseTrigger.Terminate)
            .Ignore(LicenseTrigger.Expire)
            .InternalTransitionIf(LicenseTrigger.Report, _ => effective(), Allowed, "it took effect before it ended");
        _machine.Configure(LicenseStatus.Expired)
            .Ignore(LicenseTrigger.Expire)
            .Ignore(LicenseTrigger.Terminate)
            .InternalTransitionIf(LicenseTrigger.Report, _ => effective(), Allowed, "it took effect before it ended");
        _machine.OnUnhandledTrigger((state, trigger, unmet) => throw Refusal(state, trigger, unmet));
    }

    public LicenseStatus Status => _machine.State;

    /// <summary>Whether the licence's scope is claimed on its patents (so it blocks conflicting licences).</summary>
    public bool HoldsScope => HoldsScopeStatus(Status);

    public static bool HoldsScopeStatus(LicenseStatus status) => status is LicenseStatus.ConsentsPending or LicenseStatus.Active or LicenseStatus.Suspended;

    public bool IsDraft => Status == LicenseStatus.Draft;

    public bool AwaitsConsents => Status == LicenseStatus.ConsentsPending;

    public bool IsActive => Status == LicenseStatus.Active;

    public bool IsEnded => Status is LicenseStatus.Terminated or LicenseStatus.Expired;

    public bool CanActivate => _machine.CanFire(LicenseTrigger.Activate);

    /// <summary>Moves a draft to consents pending; false when already submitted (an ended licence is refused).</summary>
    public bool Submit() => TryFire(LicenseTrigger.Submit);

    /// <exception cref="DomainException">consent-missing while a required consent is missing.</exception>
    public void Activate() => _machine.Fire(LicenseTrigger.Activate);

    /// <summary>A royalty unpaid past its grace: active becomes suspended; false if it already was.</summary>
    public bool Suspend() => TryFire(LicenseTrigger.Default);

    /// <summary>Every arrear paid: a suspended licence is active again; false if it was not suspended.</summary>
    public bool CureIfSuspended() => _machine.CanFire(LicenseTrigger.Cure) && TryFire(LicenseTrigger.Cure);

    /// <summary>Ends the licence; false if it had already ended.</summary>
    public bool End(LicenseTrigger how)
    {
        if (how is not (LicenseTrigger.Terminate or LicenseTrigger.Expire))
        {
            throw new ArgumentException($"{how} does not end a licence.", nameof(how));
        }
        return TryFire(how);
    }

    /// <exception cref="DomainException">invalid-transition: consents are given while pending and within the term.</exception>
    public void EnsureMayConsent() => _machine.Fire(LicenseTrigger.Consent);

    /// <exception cref="DomainException">invalid-transition: royalties are reported and paid for a licence that took effect.</exception>
    public void EnsureMayReport() => _machine.Fire(LicenseTrigger.Report);

    /// <exception cref="DomainException">invalid-transition: a licence is filed while in effect.</exception>
    public void EnsureMayFile() => _machine.Fire(LicenseTrigger.File);

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat or a check).</summary>
    public bool TryFire(LicenseTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    /// <summary>The effect of a check: none. The guard texts name what each check allows, for the exported diagram.</summary>
    private static void Allowed(StateMachine<LicenseStatus, LicenseTrigger>.Transition transition)
    {
    }

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    private DomainException Refusal(LicenseStatus state, LicenseTrigger trigger, ICollection<string>? unmet) => new(
        trigger == LicenseTrigger.Activate && unmet is { Count: > 0 } ? DomainErrors.ConsentMissing : DomainErrors.InvalidTransition,
        Wording.Refusal(_machine, _name, state, trigger, unmet));

    /// <summary>A licence's status in words, as refusals and other messages say it.</summary>
    public static string Describe(LicenseStatus status) => status switch
    {
        LicenseStatus.Draft => "a draft",
        LicenseStatus.ConsentsPending => "awaiting its co-owners' consents",
        LicenseStatus.Active => "in effect",
        LicenseStatus.Suspended => "suspended for unpaid royalties",
        LicenseStatus.Terminated => "terminated",
        LicenseStatus.Expired => "expired",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(LicenseTrigger trigger) => trigger switch
    {
        LicenseTrigger.Submit => "be submitted",
        LicenseTrigger.Activate => "take effect",
        LicenseTrigger.Default => "be suspended for unpaid royalties",
        LicenseTrigger.Cure => "be reinstated after its arrears are paid",
        LicenseTrigger.Terminate => "be terminated",
        LicenseTrigger.Expire => "expire",
        LicenseTrigger.Consent => "take a co-owner's consent",
        LicenseTrigger.Report => "take royalty reports or payments",
        LicenseTrigger.File => "be filed with the patent office",
        _ => null,
    };
}
