using Exchange.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Exchange.Grains.Storage;

/// <summary>
/// Orleans' grain storage behind the same edge as the exchange's store (<see cref="StoreBoundary"/>): a fault of the
/// infrastructure while reading, writing or clearing a grain's state leaves as <see cref="StorageUnavailableException"/>,
/// logged once per outage. <see cref="InconsistentStateException"/> (a stale ETag) passes unchanged, with its meaning.
/// </summary>
public sealed class GrainStorageBoundary(IGrainStorage inner, OutageLog outages) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public const string Store = "grain state";

    private volatile string? _reported;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Guard(() => inner.ClearStateAsync(stateName, grainId, grainState));

    /// <summary>The provider initialises itself in the silo's lifecycle (AdoNet reads its queries at start): it still does.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private async Task Guard(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (StorageFaults.Translate(e, Store) is { } fault)
        {
            _reported = fault.Cause;
            outages.Report(fault.Cause, fault.Message);
            throw fault;
        }
        if (_reported is { } cause && outages.Cleared(cause))
        {
            _reported = null;
        }
    }
}

public static class GrainStorageBoundaryServices
{
    /// <summary>
    /// Puts the grain storage registered under <paramref name="name"/> behind a <see cref="GrainStorageBoundary"/>. Call
    /// after the provider is added: its registration is wrapped in place (same name, same options, same lifecycle).
    /// </summary>
    public static IServiceCollection AddGrainStorageBoundary(this IServiceCollection services, string name)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException($"No grain storage named '{name}' is registered yet.");
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
        {
            var inner = original.KeyedImplementationFactory is { } factory ? (IGrainStorage)factory(sp, key)
                : original.KeyedImplementationInstance is IGrainStorage instance ? instance
                : (IGrainStorage)ActivatorUtilities.CreateInstance(sp, original.KeyedImplementationType!);
            return new GrainStorageBoundary(inner, sp.GetRequiredService<OutageLog>());
        });
        return services;
    }
}
