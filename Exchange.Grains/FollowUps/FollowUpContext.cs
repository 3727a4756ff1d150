using Exchange.Grains.Events;
using Exchange.Grains.Storage;

namespace Exchange.Grains.FollowUps;

/// <summary>What a follow-up may use to carry itself out.</summary>
/// <param name="Host">The owning grain, for steps it carries out itself (<see cref="ContinueLocally"/>).</param>
public sealed record FollowUpContext(
    IGrainFactory Grains,
    IAuditStore Audit,
    IProjectionStore Projections,
    IDeadlineStore Deadlines,
    IEventPublisher Events,
    IFollowUpHost? Host);

/// <summary>A grain with steps of its own to take after a write (<see cref="ContinueLocally"/>).</summary>
public interface IFollowUpHost
{
    Task ContinueAsync(string step);
}
