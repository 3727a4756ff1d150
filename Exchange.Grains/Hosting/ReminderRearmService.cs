using Exchange.Grains.Common;
using Exchange.Grains.Listings;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Grains.Hosting;

/// <summary>
/// In the embedded mode reminders live in memory and die with the process. At start this wakes every grain that
/// had one (patents in force, open listings, recorded patent transfers); each registers its reminder again as it
/// activates, so deadlines keep running across restarts.
/// </summary>
public sealed partial class ReminderRearmService(IDeadlineStore store, IGrainFactory grains, ILogger<ReminderRearmService> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Give the silo a moment to finish starting; the sweep is not urgent, only necessary.
        await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
        try
        {
            LogRearmed(await SweepAsync(stoppingToken));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(ex);
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        woken += await WakeAsync(WakeupKinds.Patent, key => grains.GetGrain<IPatentGrain>(key).TryGet(), cancellationToken);
        woken += await WakeAsync(WakeupKinds.Listing, key => grains.GetGrain<IListingGrain>(Guid.ParseExact(key, "N")).TryGet(), cancellationToken);
        woken += await WakeAsync(WakeupKinds.License, key => grains.GetGrain<Licenses.ILicenseGrain>(Guid.ParseExact(key, "N")).TryGet(), cancellationToken);
        woken += await WakeAsync(WakeupKinds.Pledge, key => grains.GetGrain<Pledges.IPledgeGrain>(Guid.ParseExact(key, "N")).TryGet(), cancellationToken);
        woken += await WakeAsync(WakeupKinds.PatentTransfer, key => grains.GetGrain<IPatentTransferGrain>(Guid.ParseExact(key, "N")).TryGet(), cancellationToken);
        return woken;
    }

    private async Task<int> WakeAsync(string kind, Func<string, Task> wake, CancellationToken cancellationToken)
    {
        var woken = 0;
        var after = "";
        while (true)
        {
            var keys = await store.ReadWakeupsAsync(kind, after, Batch, cancellationToken);
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (key, _) => await wake(key));
            woken += keys.Count;
            if (keys.Count < Batch)
            {
                return woken;
            }
            after = keys[^1];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} grain(s) to re-register their in-memory reminders")]
    private partial void LogRearmed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-arming in-memory reminders failed")]
    private partial void LogFailed(Exception exception);
}
