using System.Collections.Concurrent;
using Exchange.Grains.Common;
using Exchange.Grains.Hosting;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// The silo runs as its own process on PostgreSQL; a client drives concurrent transfers; the silo is killed
/// with SIGKILL mid-run and started again. Afterwards every acknowledged transfer is settled exactly once (one
/// posting each: an immediate transfer is one commit), none is left half done, the client's retries of
/// unacknowledged ones change nothing twice, the running balance snapshots agree with the lines, and the trial
/// balance is zero.
/// </summary>
public sealed class CrashRecoveryTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Participants = 12;
    private const long OpeningBalanceFen = 1_000_000;

    [Fact]
    public async Task SiloKilledMidRun_EveryAcknowledgedTransferSettlesExactlyOnce()
    {
        var clusterId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        using var silo = new SiloProcess(postgres.ConnectionString, clusterId, siloPort, gatewayPort);
        try
        {
            silo.Start();
            var people = new List<Guid>();
            Guid legacyTransfer;
            using (var client = await SiloClient.ConnectAsync(postgres.ConnectionString, clusterId, gatewayPort))
            {
                var grains = client.Services.GetRequiredService<IGrainFactory>();
                for (var i = 0; i <= Participants; i++)
                {
                    var id = Guid.NewGuid();
                    var participant = grains.GetGrain<IParticipantGrain>(id);
                    await participant.Register(new RegisterParticipant($"Crash test {i}", ParticipantKind.Enterprise,
                        TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false), Actor.System);
                    await participant.DecideKyc(KycDecision.Verify, "test", Actor.System);
                    await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(id)).Deposit($"deposit:crash-{id:N}", new Money(OpeningBalanceFen), "opening", Actor.System);
                    people.Add(id);
                }
                var legacyPayer = people[^1];
                people.RemoveAt(people.Count - 1);

                var attempted = new ConcurrentDictionary<Guid, TransferRequest>();
                var acknowledged = new ConcurrentDictionary<Guid, TransferSnapshot>();
                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
                {
                    var random = new Random(w);
                    while (!stop.IsCancellationRequested)
                    {
                        var payer = people[random.Next(people.Count)];
                        var payee = people[(people.IndexOf(payer) + 1 + random.Next(people.Count - 1)) % people.Count];
                        var id = Guid.NewGuid();
                        var request = new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(random.Next(1, 2_000)), TransferMode.Immediate, "crash run", "h-" + id);
                        attempted[id] = request;
                        try
                        {
                            acknowledged[id] = await grains.GetGrain<ITransferGrain>(id).Execute(request, new Actor(payer, "Investor"));
                        }
                        catch (Exception) when (stop.IsCancellationRequested || !acknowledged.ContainsKey(id))
                        {
                            // The silo died under this call: not acknowledged; the client retries it after restart.
                            await Task.Delay(50);
                        }
                    }
                })).ToArray();

                await WaitUntilAsync(() => acknowledged.Count >= 300, TimeSpan.FromSeconds(60), "300 transfers acknowledged before the kill");
                silo.Kill();
                output.WriteLine($"killed the silo after {acknowledged.Count} acknowledged of {attempted.Count} attempted transfers");
                await Task.Delay(500);
                stop.Cancel();
                await Task.WhenAll(workers);

                await using (var probe = postgres.CreateStore())
                {
                    // An immediate transfer is one commit: a kill leaves it paid or not begun, never reserved.
                    Assert.Empty(await probe.FindStalledTransfersAsync(DateTimeOffset.UtcNow.AddHours(1), 10_000));
                    // What an earlier version could leave behind: an immediate transfer reserved, its settle never made.
                    legacyTransfer = await WriteLegacyReservationAsync(probe, legacyPayer, people[0]);
                }

                silo.Start();
                using var after = await SiloClient.ConnectAsync(postgres.ConnectionString, clusterId, gatewayPort);
                var grainsAfter = after.Services.GetRequiredService<IGrainFactory>();

                await using var store = postgres.CreateStore();
                // The silo's recovery sweep, not the client, finishes what the earlier version left reserved.
                await WaitUntilAsync(async () => (await store.FindStalledTransfersAsync(DateTimeOffset.UtcNow.AddHours(1), 10)).Count == 0,
                    TimeSpan.FromSeconds(30), "no transfer left with funds reserved");

                // A careful client retries every unacknowledged command with its original id: exactly-once holds.
                foreach (var (id, request) in attempted.Where(a => !acknowledged.ContainsKey(a.Key)))
                {
                    try
                    {
                        await grainsAfter.GetGrain<ITransferGrain>(id).Execute(request, new Actor(request.PayerParticipantId, "Investor"));
                    }
                    catch (DomainException e) when (e.Error == DomainErrors.InsufficientFunds)
                    {
                    }
                }

                var rows = await ReadTransfersAsync();
                foreach (var id in acknowledged.Keys)
                {
                    Assert.Equal((short)TransferStatus.Settled, rows[id].Status);
                }
                Assert.DoesNotContain(rows.Values, r => r.Status != (short)TransferStatus.Settled);
                Assert.All(rows.Where(r => r.Key != legacyTransfer), r => Assert.Equal(2, r.Value.Lines)); // one posting per immediate transfer, two lines
                Assert.Equal(4, rows[legacyTransfer].Lines); // the earlier version's reserve, and the sweep's settle
                // The running balances were written in the same transactions as the lines: the kill left them agreeing.
                var verification = await store.VerifyTrialBalanceAsync();
                Assert.True(verification.Agrees, $"snapshots drifted: {string.Join("; ", verification.Discrepancies)}");
                var trial = await store.ComputeTrialBalanceAsync();
                Assert.Equal(0, trial.TotalFen);
                Assert.Equal((Participants + 1) * OpeningBalanceFen, trial.ParticipantAvailableFen + trial.ParticipantReservedFen);
                Assert.Equal(0, trial.ParticipantReservedFen);
                foreach (var person in people)
                {
                    var balances = await store.LoadBalancesAsync(AccountId.ForParticipant(person));
                    Assert.True(balances.AvailableFen >= 0);
                }
                output.WriteLine($"{rows.Count} transfers settled, {acknowledged.Count} of them acknowledged before the kill");
            }
        }
        catch
        {
            output.WriteLine(silo.Log);
            throw;
        }
    }

    private static async Task<Guid> WriteLegacyReservationAsync(Grains.Storage.SqlExchangeStore store, Guid payer, Guid payee)
    {
        var (payerAccount, id) = (AccountId.ForParticipant(payer), Guid.NewGuid());
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var reserved = new TransferRecord(id, payerAccount, AccountId.ForParticipant(payee), 12_345, TransferMode.Immediate, TransferStatus.FundsReserved, "legacy", payer, "legacy", at, at);
        var posting = Posting.Move(TransferAuditTrail.PostingId(id, PostingKind.Reserve), PostingKind.Reserve, (payerAccount, Bucket.Available), (payerAccount, Bucket.Reserved), new Money(12_345), "legacy", id);
        var version = (await store.LoadBalancesAsync(payerAccount)).Version;
        Assert.Equal(CommitOutcome.Committed, await store.CommitAsync(new LedgerCommit(posting, new AccountFence(payerAccount, version), reserved, payer, at)));
        return id;
    }

    private async Task<Dictionary<Guid, (short Status, long Lines)>> ReadTransfersAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT t.transfer_id, t.status, (SELECT count(*) FROM exchange_posting_lines l JOIN exchange_postings p ON p.posting_id = l.posting_id WHERE p.transfer_id = t.transfer_id) FROM exchange_transfers t",
            connection);
        var rows = new Dictionary<Guid, (short, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetGuid(0)] = (reader.GetInt16(1), reader.GetInt64(2));
        }
        return rows;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Delay(200);
        }
    }
}
