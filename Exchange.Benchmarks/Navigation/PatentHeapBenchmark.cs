using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Patents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Exchange.Benchmarks.Navigation;

/// <summary>
/// Heap bytes per activated patent grain: register patents, let every activation go (state stays in memory
/// storage), measure the heap, wake them all again, measure again; the difference over the count is what one
/// activation costs.
/// </summary>
public static class PatentHeapBenchmark
{
    public static async Task RunAsync(int count)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Exchange:Storage"] = "Memory",
            ["Exchange:SiloPort"] = "21113",
            ["Exchange:GatewayPort"] = "31002",
        });
        builder.UseOrleans(silo => silo.AddExchange(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var (owners, _) = await NavigationData.ParticipantsAsync(grains, 10, 1);
        var year = DateTime.UtcNow.Year - 3;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await grains.GetGrain<IPatentGrain>(NavigationData.Number(i, year)).Register(NavigationData.Patent(i, year, owners[i % owners.Length]), Actor.System));

        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(2_000);
        var idle = Heap();
        var countBefore = await management.GetTotalActivationCount();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            await grains.GetGrain<IPatentGrain>(NavigationData.Number(i, year)).TryGet());
        var active = Heap();
        var countAfter = await management.GetTotalActivationCount();
        Console.WriteLine($"patent grains: {countAfter - countBefore} activated; heap {idle / 1024 / 1024} MiB idle, {active / 1024 / 1024} MiB active: " +
                          $"{(active - idle) / Math.Max(1, countAfter - countBefore)} bytes per activated patent grain");
        await host.StopAsync();
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
