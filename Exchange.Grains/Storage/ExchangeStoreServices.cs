using Exchange.Grains.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Grains.Storage;

public static class ExchangeStoreServices
{
    /// <summary>
    /// Registers the store once, behind its <see cref="StoreBoundary"/> (infrastructure faults leave it as the
    /// exchange's own exception), and each of its concerns as a view of that one instance.
    /// </summary>
    public static IServiceCollection AddExchangeStore(this IServiceCollection services, Func<IServiceProvider, IExchangeStore> factory)
    {
        OutageLog.AddTo(services);
        services.AddSingleton<IExchangeStore>(sp => new StoreBoundary(factory(sp), sp.GetRequiredService<OutageLog>()));
        services.AddSingleton<ILedgerStore>(sp => sp.GetRequiredService<IExchangeStore>());
        services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<IExchangeStore>());
        services.AddSingleton<IIdempotencyStore>(sp => sp.GetRequiredService<IExchangeStore>());
        services.AddSingleton<IProjectionStore>(sp => sp.GetRequiredService<IExchangeStore>());
        services.AddSingleton<IDirectoryStore>(sp => sp.GetRequiredService<IExchangeStore>());
        services.AddSingleton<IDeadlineStore>(sp => sp.GetRequiredService<IExchangeStore>());
        return services;
    }

    public static IServiceCollection AddExchangeStore(this IServiceCollection services, IExchangeStore store) => services.AddExchangeStore(_ => store);
}
