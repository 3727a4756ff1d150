using System.Diagnostics;
using Exchange.Benchmarks.Licenses;
using Exchange.Benchmarks.Navigation;
using Exchange.Benchmarks.Transfers;
using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Grains.Pledges;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Benchmarks.Pledges;

/// <summary>
/// A bank's portfolio of registered pledges, one patent each (issue 11): the daily due-date sweep — every pledge's
/// reminder fires, each checks its loan's standing and defaults the ones overdue past their grace days (half of them
/// allow 10 days, half 90) — and the bank's portfolio read page by page, with each pledge's standing computed on read.
/// </summary>
public static class PledgePortfolioBenchmark
{
    public static async Task RunAsync(string storage, string? connectionString, int pledges, int concurrency)
    {
        var clock = new ShiftableClock();
        using var host = await ShiftableSilo.StartAsync(clock, storage, connectionString, "pledges", 21116, 31005);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var (owners, _) = await NavigationData.ParticipantsAsync(grains, 100, 0);
        var bank = DeterministicId.From("bench", "pledge bank " + Guid.NewGuid());
        await grains.GetGrain<IParticipantGrain>(bank).Register(new RegisterParticipant("Bench bank", ParticipantKind.Bank,
            CreditCodeRules.CompleteUnifiedSocialCreditCode("91110000" + Random.Shared.NextInt64(100_000_000, 999_999_999)), ParticipantRoles.Pledgee, true, false), Actor.System);
        await grains.GetGrain<IParticipantGrain>(bank).DecideKyc(KycDecision.Verify, "benchmark", Actor.System);
        var bankActor = new Actor(bank, nameof(ParticipantRoles.Pledgee));

        var setUp = Stopwatch.StartNew();
        var ids = new Guid[pledges];
        var year = today.Year - 2;
        await Parallel.ForAsync(0, pledges, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var number = NavigationData.Number(700_000 + i, year);
            var owner = owners[i % owners.Length];
            var patent = grains.GetGrain<IPatentGrain>(number);
            await patent.Register(NavigationData.Patent(700_000 + i, year, owner) with { ApplicationNumber = number }, Actor.System);
            await patent.Grant(today, Actor.System);
            ids[i] = DeterministicId.From("pledge-bench", bank.ToString("N"), i.ToString());
            var pledge = grains.GetGrain<IPledgeGrain>(ids[i]);
            var loan = new LoanTerms(Money.FromYuan(100_000m + i), 0.0435m, today, 12, i % 3 == 0 ? RepaymentMethod.EqualPrincipal : RepaymentMethod.EqualInstalments, 1 + i % 28);
            await pledge.Apply(new PledgeApplication(bank, [number], [], new Appraisal(Money.FromYuan(400_000m), "Bench appraiser", today, "BENCH-" + i), 0.5m, loan,
                i % 2 == 0 ? 10 : 90, ApplicationChannel.Online, new PledgeDocuments("form", "contract", "identity")), bankActor);
            await pledge.Sign(new Actor(owner, nameof(ParticipantRoles.Owner)));
            await pledge.Register(Actor.System);
        });
        Console.WriteLine($"{pledges} registered pledges of one bank, one patent each: set up in {setUp.Elapsed.TotalSeconds:F0} s");

        var portfolio = await ReadPortfolioAsync(grains, bank, "before the sweep");

        // Seventy days on, every loan has missed its first instalment (or two): those with 10 grace days default.
        clock.Shift(TimeSpan.FromDays(70));
        var recorder = new LatencyRecorder();
        var defaults = 0;
        var wall = await LatencyRecorder.RunAsync(pledges, concurrency, async i =>
        {
            var pledge = grains.GetGrain<IPledgeGrain>(ids[i]);
            await pledge.AsReference<IRemindable>().ReceiveReminder("pledge-due-dates", new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));
            if ((await pledge.TryGet())!.Status == PledgeStatus.Defaulted)
            {
                Interlocked.Increment(ref defaults);
            }
        }, recorder);
        Console.WriteLine(recorder.Report($"daily due-date sweep (reminder fired, standing checked), {storage} storage, concurrency {concurrency}", wall));
        Console.WriteLine($"defaults detected: {defaults} of {pledges} (expected {(pledges + 1) / 2}: the 10-grace-day half)");

        await ReadPortfolioAsync(grains, bank, "after the sweep");
        if (portfolio != pledges)
        {
            Console.WriteLine($"WARNING: the portfolio listed {portfolio} pledges, not {pledges}");
        }
        await host.StopAsync();
    }

    /// <summary>The bank's whole portfolio, 100 pledges a page, as the API's portfolio view reads it; returns how many it listed.</summary>
    private static async Task<int> ReadPortfolioAsync(IGrainFactory grains, Guid bank, string when)
    {
        var pages = new List<double>();
        var listed = 0;
        var wall = Stopwatch.StartNew();
        long after = 0;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var (page, next) = await PledgePortfolio.PageAsync(grains, bank, null, after, 100);
            pages.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            listed += page.Count;
            if (next is not { } cursor)
            {
                break;
            }
            after = cursor;
        }
        pages.Sort();
        Console.WriteLine($"portfolio {when}: {listed} pledges in {pages.Count} pages of 100 in {wall.Elapsed.TotalMilliseconds:F0} ms; " +
            $"page p50 {pages[pages.Count / 2]:F1} ms, p99 {pages[Math.Min(pages.Count - 1, (int)(pages.Count * 0.99))]:F1} ms, max {pages[^1]:F1} ms");
        return listed;
    }
}
