using Exchange.Grains.Common;
using Stateless;

namespace Exchange.Grains.Listings;

/// <summary>
/// Negotiation of one offer (domain.md §4): the lister accepts, rejects or counters; the bidder accepts or
/// declines a counter, or withdraws; unanswered offers expire. Accepted, rejected, withdrawn and expired are final.
/// An offer is accepted only while neither it nor its listing has passed its date, whatever the expiry sweep has
/// done yet.
/// </summary>
public sealed class OfferLifecycle
{
    private const string WithinDates = "neither the offer nor its listing has expired";
    private static readonly LifecycleWording<OfferStatus, OfferTrigger> Wording = new("offer", Describe, Describe);
    private readonly StateMachine<OfferStatus, OfferTrigger> _machine;
    private readonly string _name;

    /// <param name="withinDates">Whether the offer and its listing are still within their dates today.</param>
    /// <param name="name">How refusals name the offer ("Offer 7f3c…").</param>
    public OfferLifecycle(Func<OfferStatus> read, Action<OfferStatus> write, Func<bool>? withinDates = null, string name = "The offer")
    {
        _name = name;
        var dated = withinDates ?? (() => true);
        _machine = new StateMachine<OfferStatus, OfferTrigger>(read, write) { RetainSynchronizationContext = true };
        _machine.Configure(OfferStatus.Submitted)
            .Permit(OfferTrigger.Counter, OfferStatus.Countered)
            .PermitIf(OfferTrigger.Accept, OfferStatus.Accepted, dated, WithinDates)
            .Permit(OfferTrigger.Reject, OfferStatus.Rejected)
            .Permit(OfferTrigger.Withdraw, OfferStatus.Withdrawn)
            .Permit(OfferTrigger.Expire, OfferStatus.Expired);
        _machine.Configure(OfferStatus.Countered)
            .PermitIf(OfferTrigger.AcceptCounter, OfferStatus.Accepted, dated, WithinDates)
            .Permit(OfferTrigger.Decline, OfferStatus.Rejected)
            .Permit(OfferTrigger.Reject, OfferStatus.Rejected)
            .Permit(OfferTrigger.Withdraw, OfferStatus.Withdrawn)
            .Permit(OfferTrigger.Expire, OfferStatus.Expired);
        _machine.Configure(OfferStatus.Accepted).Ignore(OfferTrigger.Accept).Ignore(OfferTrigger.AcceptCounter);
        _machine.Configure(OfferStatus.Rejected).Ignore(OfferTrigger.Reject).Ignore(OfferTrigger.Decline).Ignore(OfferTrigger.Expire);
        _machine.Configure(OfferStatus.Withdrawn).Ignore(OfferTrigger.Withdraw).Ignore(OfferTrigger.Expire).Ignore(OfferTrigger.Reject);
        _machine.Configure(OfferStatus.Expired).Ignore(OfferTrigger.Expire).Ignore(OfferTrigger.Reject);
        _machine.OnUnhandledTrigger((state, trigger, unmet) => throw Refusal(state, trigger, unmet));
    }

    public OfferStatus Status => _machine.State;

    /// <summary>Still being negotiated: submitted or countered.</summary>
    public bool IsLive => IsLiveStatus(Status);

    /// <summary>Accepted and so a deal (a transfer proposed, or a licence to execute).</summary>
    public bool IsAccepted => IsAcceptedStatus(Status);

    /// <summary>The same questions of a stored status, without building a machine per offer.</summary>
    public static bool IsLiveStatus(OfferStatus status) => status is OfferStatus.Submitted or OfferStatus.Countered;

    public static bool IsAcceptedStatus(OfferStatus status) => status == OfferStatus.Accepted;

    public void Counter() => _machine.Fire(OfferTrigger.Counter);

    /// <summary>
    /// Checks that the lister (or, for a counter-offer, the bidder) may accept now, without moving: the deal's
    /// effects (a transfer proposed) come before the move, and a refusal must start none of them.
    /// </summary>
    /// <exception cref="DomainException">The offer is not open to this acceptance, or its date has passed.</exception>
    public void EnsureMayAccept(bool byLister)
    {
        var trigger = byLister ? OfferTrigger.Accept : OfferTrigger.AcceptCounter;
        if (!IsAccepted && !_machine.CanFire(trigger, out var unmet))
        {
            throw Refusal(Status, trigger, unmet);
        }
    }

    public void Accept(bool byLister) => _machine.Fire(byLister ? OfferTrigger.Accept : OfferTrigger.AcceptCounter);

    /// <summary>The lister rejects, or the bidder declines a counter-offer; false if already closed that way.</summary>
    public bool Reject(bool byLister) => TryFire(byLister ? OfferTrigger.Reject : OfferTrigger.Decline);

    /// <summary>The bidder takes the offer back; false if already withdrawn.</summary>
    public bool Withdraw() => TryFire(OfferTrigger.Withdraw);

    /// <summary>Expires a live offer; false if it was not live.</summary>
    public bool ExpireIfLive() => IsLive && TryFire(OfferTrigger.Expire);

    /// <summary>Its listing closed: a live offer is rejected; false if it was not live.</summary>
    public bool RejectIfLive() => IsLive && TryFire(OfferTrigger.Reject);

    public string ToMermaid() => Stateless.Graph.MermaidGraph.Format(_machine.GetInfo());

    /// <summary>Fires the trigger; whether the status moved (false for an idempotent repeat).</summary>
    /// <exception cref="DomainException">The trigger is not allowed in the current status.</exception>
    public bool TryFire(OfferTrigger trigger)
    {
        var before = _machine.State;
        _machine.Fire(trigger);
        return _machine.State != before;
    }

    private DomainException Refusal(OfferStatus state, OfferTrigger trigger, ICollection<string>? unmet) =>
        new(DomainErrors.InvalidTransition, Wording.Refusal(_machine, _name, state, trigger, unmet));

    /// <summary>An offer's status in words, as refusals and other messages say it.</summary>
    public static string Describe(OfferStatus status) => status switch
    {
        OfferStatus.Submitted => "awaiting the lister's answer",
        OfferStatus.Countered => "countered by the lister",
        OfferStatus.Accepted => "accepted",
        OfferStatus.Rejected => "rejected",
        OfferStatus.Withdrawn => "withdrawn by its bidder",
        OfferStatus.Expired => "expired",
        _ => Words.Spell(status.ToString()),
    };

    private static string? Describe(OfferTrigger trigger) => trigger switch
    {
        OfferTrigger.Counter => "be countered",
        OfferTrigger.Accept => "be accepted by the lister",
        OfferTrigger.AcceptCounter => "be accepted by its bidder",
        OfferTrigger.Reject => "be rejected",
        OfferTrigger.Decline => "be declined by its bidder",
        OfferTrigger.Withdraw => "be withdrawn",
        OfferTrigger.Expire => "expire",
        _ => null,
    };
}
