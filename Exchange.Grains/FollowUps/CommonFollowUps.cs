using Exchange.Grains.Audit;
using Exchange.Grains.Events;

namespace Exchange.Grains.FollowUps;

/// <summary>Appends the change's audit entry; the store keeps one entry per id.</summary>
public sealed record AppendAudit(AuditEntry Entry) : FollowUp
{
    public override string Id => "audit:" + Entry.EntryId;

    public override Task RunAsync(FollowUpContext context) => context.Audit.AppendAuditAsync(Entry);
}

/// <summary>Delivers a domain event to every consumer, in order per object; consumers de-duplicate by event id.</summary>
public sealed record PublishEvent(DomainEvent Event) : FollowUp
{
    public override string Id => "event:" + Event.EventId;

    public override Task RunAsync(FollowUpContext context) => context.Events.PublishAsync(Event);
}

/// <summary>Marks (or clears) a grain the embedded mode's start-up sweep wakes so that it re-registers its reminders.</summary>
public sealed record SetWakeup(string GrainKind, string GrainKey, bool Wake) : FollowUp
{
    public override string Id => $"wakeup:{GrainKind}:{GrainKey}:{Wake}";

    public override Task RunAsync(FollowUpContext context) => context.Deadlines.SetWakeupAsync(GrainKind, GrainKey, Wake);
}

/// <summary>
/// A step the owning grain takes itself once the follow-ups before it are done, such as recording that a patent
/// sale settled after the sellers were paid. The grain's handler must be idempotent like every follow-up.
/// </summary>
public sealed record ContinueLocally(string Step) : FollowUp
{
    public override string Id => "continue:" + Step;

    public override Task RunAsync(FollowUpContext context) =>
        (context.Host ?? throw new InvalidOperationException($"Step {Step} needs its owning grain.")).ContinueAsync(Step);
}
