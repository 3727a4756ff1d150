using Exchange.Benchmarks.Navigation;
using Exchange.Benchmarks.Transfers;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Benchmarks.Licenses;

/// <summary>
/// Royalty reports processed and distributed per second: 10,000 active ordinary licences on 100 patents; a quarter
/// passes; each licensee reports net sales and pays, which moves the money from its account to the owner and the
/// inventor in one balanced posting.
/// </summary>
public static class RoyaltyBenchmark
{
    public static async Task RunAsync(string storage, string? connectionString, int licences, int concurrency)
    {
        var clock = new ShiftableClock();
        using var host = await ShiftableSilo.StartAsync(clock, storage, connectionString, "royalty", 21115, 31004);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (owners, _) = await NavigationData.ParticipantsAsync(grains, 100, 1);
        var licensees = await InProcessTransferBenchmark.SetUpParticipantsAsync(grains, 200);
        var year = today.Year - 2;
        const int patents = 100;
        var numbers = new string[patents];
        await Parallel.ForAsync(0, patents, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            numbers[i] = NavigationData.Number(500_000 + i, year);
            var patent = grains.GetGrain<IPatentGrain>(numbers[i]);
            var registration = NavigationData.Patent(500_000 + i, year, owners[i]) with { Inventors = [new Inventor($"Inventor {i}", true, owners[i], owners[(i + 1) % owners.Length])] };
            await patent.Register(registration with { ApplicationNumber = numbers[i] }, Actor.System);
            await patent.Grant(today, Actor.System);
        });
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["ANY"], 12, Money.Zero, 300, Money.FromYuan(4_000));
        var ids = new Guid[licences];
        await Parallel.ForAsync(0, licences, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            ids[i] = DeterministicId.From("royalty-bench", i.ToString());
            var licence = grains.GetGrain<ILicenseGrain>(ids[i]);
            await licence.Draft(new DraftLicense([numbers[i % patents]], licensees[i % licensees.Count], terms, today), Actor.System);
            await licence.Submit(Actor.System);
        });
        Console.WriteLine($"{licences} active licences on {patents} patents");

        clock.Shift(TimeSpan.FromDays(92));
        var recorder = new LatencyRecorder();
        var wall = await LatencyRecorder.RunAsync(licences, concurrency, async i =>
        {
            var licence = grains.GetGrain<ILicenseGrain>(ids[i]);
            var licensee = new Actor(licensees[i % licensees.Count], "Licensee");
            await licence.ReportNetSales(0, Money.FromYuan(10_000 + i % 5_000), licensee);
            await licence.PayRoyalty(0, licensee);
        }, recorder);
        Console.WriteLine(recorder.Report($"royalty report + payment + distribution, {storage} storage, concurrency {concurrency}", wall));
        await host.StopAsync();
    }
}
