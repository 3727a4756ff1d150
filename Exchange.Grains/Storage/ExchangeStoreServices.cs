using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Grains.Storage;

public static class ExchangeStoreServices
{
    /// <summary>Registers the store once and each of its concerns as a view of that one instance.</summary>
    public static IServiceCollection AddExchangeStore(this IServiceCollection services, Func<IServiceProvider, IExchangeStore> factory)
    {
        services.AddSingleton(factory);
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
