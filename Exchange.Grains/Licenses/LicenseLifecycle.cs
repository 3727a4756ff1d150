using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Licenses;

/// <summary>
/// A licence's life (domain.md §5): draft → consents pending (every co-owner for an exclusive or sole licence) →
/// active → suspended on payment default (and back when cured) → terminated or expired. Terminated and expired
/// are final.
/// </summary>
public sealed class LicenseLifecycle
{
    private readonly StateMachine<LicenseStatus, LicenseTrigger> _machine;

    public LicenseLifecycle(Func<LicenseStatus> read, Action<LicenseStatus> write, Func<bool> allConsented)
    {
        _machine = new StateMachine<LicenseStatus, LicenseTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(LicenseStatus.Draft)
            .Permit(LicenseTrigger.Submit, LicenseStatus.ConsentsPending)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated);
        _machine.Configure(LicenseStatus.ConsentsPending)
            .Ignore(LicenseTrigger.Submit)
            .PermitIf(LicenseTrigger.Activate, LicenseStatus.Active, allConsented, "every required consent is given")
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired);
        _machine.Configure(LicenseStatus.Active)
            .Ignore(LicenseTrigger.Submit)
            .Ignore(LicenseTrigger.Activate)
            .Permit(LicenseTrigger.Default, LicenseStatus.Suspended)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired);
        _machine.Configure(LicenseStatus.Suspended)
            .Ignore(LicenseTrigger.Submit)
            .Ignore(LicenseTrigger.Default)
            .Permit(LicenseTrigger.Cure, LicenseStatus.Active)
            .Permit(LicenseTrigger.Terminate, LicenseStatus.Terminated)
            .Permit(LicenseTrigger.Expire, LicenseStatus.Expired);
        _machine.Configure(LicenseStatus.Terminated).Ignore(LicenseTrigger.Terminate).Ignore(LicenseTrigger.Expire);
        _machine.Configure(LicenseStatus.Expired).Ignore(LicenseTrigger.Expire).Ignore(LicenseTrigger.Terminate);
        _machine.OnUnhandledTrigger((state, trigger, unmet) => throw new DomainException(
            unmet is { Count: > 0 } ? DomainErrors.ConsentMissing : DomainErrors.InvalidTransition,
            unmet is { Count: > 0 } ? $"The licence can take effect only when {string.Join(" and ", unmet)}." : $"A licence that is {state} cannot take {trigger}."));
    }

    public LicenseStatus Status => _machine.State;

    /// <summary>Whether the licence's scope is claimed on its patents (so it blocks conflicting licences).</summary>
    public bool HoldsScope => Status is LicenseStatus.ConsentsPending or LicenseStatus.Active or LicenseStatus.Suspended;

    public void Fire(LicenseTrigger trigger) => _machine.Fire(trigger);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());
}
