using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Exchange.Tests.PostgreSql;

/// <summary>
/// A silo process on PostgreSQL is killed with SIGKILL after a patent transfer's recording was written and before
/// any of what it owes was carried out (a test hook holds it exactly there). After a restart, with no client
/// retrying, the sweep finds the transfer by the storage's note and finishes it: the patent is assigned, the seller
/// paid from escrow, the sale settled and its event delivered to market data.
/// </summary>
public sealed class FollowUpCrashTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly Actor Operator = new(Guid.NewGuid(), "Operator");

    [Fact]
    public async Task SiloKilledBetweenAStateWriteAndItsFollowUps_TheSweepFinishesThemAfterRestart_AndTheEventIsDelivered()
    {
        var clusterId = "follow-ups-" + Guid.NewGuid().ToString("N")[..8];
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        var sweep = new Dictionary<string, string> { ["Exchange__FollowUps__QuietFor"] = "00:00:01", ["Exchange__FollowUps__SweepInterval"] = "00:00:01" };
        using var paused = new SiloProcess(postgres.ConnectionString, clusterId, siloPort, gatewayPort, new Dictionary<string, string>(sweep)
        {
            ["Exchange__Testing__PauseBeforeFollowUp"] = $":recorded",
            ["Exchange__Testing__PauseFor"] = "00:10:00",
        });
        using var restarted = new SiloProcess(postgres.ConnectionString, clusterId, siloPort, gatewayPort, sweep);
        Guid owner, buyer, listingId, transferId;
        string number;
        try
        {
            paused.Start();
            using (var client = await SiloClient.ConnectAsync(postgres.ConnectionString, clusterId, gatewayPort))
            {
                var grains = client.Services.GetRequiredService<IGrainFactory>();
                owner = await ParticipantAsync(grains, ParticipantRoles.Owner, 0);
                buyer = await ParticipantAsync(grains, ParticipantRoles.Investor, 1_000_000);
                var agency = await ParticipantAsync(grains, ParticipantRoles.Agency, 0);
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var filed = today.AddYears(-2);
                var digits = $"{filed.Year}1{Random.Shared.Next(0, 10_000_000):D7}";
                number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
                var patent = grains.GetGrain<IPatentGrain>(number);
                await patent.Register(new RegisterPatent(number, "Crash-proof cathode", "", ["H01M 4/36"], filed, [new PatentOwner(owner, 10_000)], [new Inventor("Zhao Lei", false, null)]), Actor.System);
                await patent.Grant(today, Actor.System);
                await patent.GrantMandate(owner, agency, today.AddYears(1), new Actor(owner, "Owner"));
                listingId = Guid.NewGuid();
                var listing = grains.GetGrain<IListingGrain>(listingId);
                await listing.Create(new CreateListing([number], new Money(600_000), null, today.AddMonths(3)), new Actor(agency, "Agency"));
                var offerId = Guid.NewGuid();
                await listing.MakeOffer(offerId, new MakeOffer(OfferKind.Purchase, new Money(600_000), null, today.AddMonths(1)), new Actor(buyer, "Investor"));
                transferId = Assert.Single((await listing.Accept(offerId, new Actor(agency, "Agency"))).Offers.Single(o => o.OfferId == offerId).PatentTransfers);
                var transfer = grains.GetGrain<IPatentTransferGrain>(transferId);
                await transfer.Consent(new Actor(owner, "Owner"));
                await transfer.EscrowFunds(new Actor(buyer, "Investor"));

                // The recording is written; the silo then waits, holding its follow-ups, and the client times out.
                await Assert.ThrowsAnyAsync<Exception>(() => transfer.Record("REG-CRASH-1", Operator));
                await WaitUntilAsync(async () => await CountAsync($"SELECT count(*) FROM exchange_follow_up_owners WHERE owner = 'patent-transfer/{transferId:N}'") == 1,
                    "the storage noted that the transfer owes follow-ups");
            }
            paused.Kill();
            Assert.Equal(0, await CountAsync($"SELECT count(*) FROM exchange_deals WHERE deal_id = '{transferId}'"));
            Assert.Equal(0, await CountAsync($"SELECT count(*) FROM exchange_audit WHERE object_id = 'patent-transfer:{transferId:N}' AND action = 'recorded'"));

            restarted.Start();
            // Nobody retries the command: the sweep alone must finish it.
            await WaitUntilAsync(async () => await CountAsync($"SELECT count(*) FROM exchange_deals WHERE deal_id = '{transferId}'") == 1,
                "the settled sale reached market data", seconds: 90);
            await WaitUntilAsync(async () => await CountAsync($"SELECT count(*) FROM exchange_follow_up_owners WHERE owner = 'patent-transfer/{transferId:N}'") == 0,
                "the note is cleared once everything owed is done");

            using var after = await SiloClient.ConnectAsync(postgres.ConnectionString, clusterId, gatewayPort);
            var grainsAfter = after.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal(PatentTransferStatus.Settled, (await grainsAfter.GetGrain<IPatentTransferGrain>(transferId).TryGet())!.Status);
            Assert.Equal([new PatentOwner(buyer, 10_000)], (await grainsAfter.GetGrain<IPatentGrain>(number).TryGet())!.Owners);
            Assert.Equal(ListingStatus.Closed, (await grainsAfter.GetGrain<IListingGrain>(listingId).TryGet())!.Status); // by the accepted sale
            Assert.Equal(new Money(600_000), (await grainsAfter.GetGrain<IAccountGrain>(AccountId.ForParticipant(owner)).GetBalances()).Available);
            Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(buyer), new Money(400_000), Money.Zero), await grainsAfter.GetGrain<IAccountGrain>(AccountId.ForParticipant(buyer)).GetBalances());
            foreach (var action in new[] { "recorded", "settled" })
            {
                Assert.Equal(1, await CountAsync($"SELECT count(*) FROM exchange_audit WHERE object_id = 'patent-transfer:{transferId:N}' AND action = '{action}'"));
            }
            await using var store = postgres.CreateStore();
            Assert.Equal(0, (await store.ComputeTrialBalanceAsync()).TotalFen);
        }
        catch
        {
            output.WriteLine(paused.Log);
            output.WriteLine(restarted.Log);
            throw;
        }
    }

    private static async Task<Guid> ParticipantAsync(IGrainFactory grains, ParticipantRoles roles, long fen)
    {
        var id = Guid.NewGuid();
        var participant = grains.GetGrain<IParticipantGrain>(id);
        await participant.Register(new RegisterParticipant($"Crash {roles} {id:N}"[..30], ParticipantKind.Enterprise, TestCodes.NewCreditCode(), roles, true, false), Actor.System);
        await participant.DecideKyc(KycDecision.Verify, "test", Actor.System);
        if (fen > 0)
        {
            await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(id)).Deposit($"deposit:crash-{id:N}", new Money(fen), "opening", Actor.System);
        }
        return id;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
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
