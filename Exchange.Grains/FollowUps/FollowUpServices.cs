using Exchange.Grains.Events;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Grains.FollowUps;

/// <summary>What every grain with follow-ups needs, injected as one service.</summary>
public sealed class FollowUpServices(
    IGrainFactory grains,
    IAuditStore audit,
    IProjectionStore projections,
    IDirectoryStore directory,
    IDeadlineStore deadlines,
    IEventPublisher events,
    FollowUpHooks hooks,
    TimeProvider clock,
    IOptions<FollowUpOptions> options,
    ILoggerFactory loggers)
{
    public TimeProvider Clock { get; } = clock;

    internal FollowUpHooks Hooks { get; } = hooks;

    internal ILogger Logger { get; } = loggers.CreateLogger("Exchange.FollowUps");

    internal FollowUpContext ContextFor(IFollowUpHost? host) => new(grains, audit, projections, directory, deadlines, events, host, options.Value.CallTimeout);
}
