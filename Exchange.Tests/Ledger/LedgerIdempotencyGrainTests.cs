using Exchange.Grains.Common;
using Exchange.Grains.Idempotency;
using Exchange.Grains.Ledger;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Exchange.Tests.Ledger;

/// <summary>
/// Ledger commands carrying their Idempotency-Key: copies of one command racing on one account, a key reused for a
/// different command, the transfer an earlier version left reserved, and the expiry of the records.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerIdempotencyGrainTests(ClusterFixture fixture)
{
    private static IdempotencyStamp Stamp(string hash) => new(Guid.NewGuid().ToString("N"), "key-" + Guid.NewGuid().ToString("N")[..8], hash);

    [Fact]
    public async Task TwentyCopiesOfOneDeposit_AtOnce_AllSucceed_AndBookItOnce_WhileOtherCallsOnTheAccountAreAnswered()
    {
        var id = await fixture.NewParticipantAsync();
        var account = fixture.Account(id);
        var stamp = Stamp("same-body");
        var postingId = "deposit:" + Guid.NewGuid().ToString("N");
        var copies = Enumerable.Range(0, 20).Select(_ => account.Deposit(postingId, new Money(5_000), "once", Actor.System, stamp)).ToArray();
        var others = Enumerable.Range(0, 5).Select(_ => account.GetBalances()).ToArray();

        await Task.WhenAll(copies);
        await Task.WhenAll(others);
        Assert.Equal(new Money(5_000), (await account.GetBalances()).Available);
        Assert.Single((await fixture.Store.ReadStatementAsync(AccountId.ForParticipant(id), 0, 50)).Lines);
    }

    [Fact]
    public async Task CopiesOfOneKeyWithDifferentBodies_AtOnce_ApplyExactlyOne_AndRefuseTheRestAsKeyReused()
    {
        var id = await fixture.NewParticipantAsync();
        var account = fixture.Account(id);
        var scope = Guid.NewGuid().ToString("N");
        var postingId = "deposit:" + Guid.NewGuid().ToString("N");
        var attempts = Enumerable.Range(1, 10).Select(async amount =>
        {
            try
            {
                return (Amount: amount, Snapshot: await account.Deposit(postingId, new Money(amount), "race", Actor.System, new IdempotencyStamp(scope, "one-key", $"body-{amount}")));
            }
            catch (DomainException e) when (e.Error == DomainErrors.IdempotencyKeyReused)
            {
                return (Amount: amount, Snapshot: (AccountSnapshot?)null);
            }
        });
        var results = await Task.WhenAll(attempts);

        var applied = Assert.Single(results, r => r.Snapshot is not null);
        Assert.Equal(new Money(applied.Amount), (await account.GetBalances()).Available);
        Assert.Equal($"body-{applied.Amount}", (await fixture.Store.FindIdempotencyRecordAsync(scope, "one-key"))!.RequestHash);
    }

    [Fact]
    public async Task KeyOfADeposit_ReusedForATransfer_IsRefused_AndMovesNothing()
    {
        var payer = await fixture.FundedParticipantAsync(10_000);
        var payee = await fixture.NewParticipantAsync();
        var stamp = Stamp("deposit-body");
        await fixture.Account(payer).Deposit("deposit:" + Guid.NewGuid().ToString("N"), new Money(1), "first", Actor.System, stamp);

        var request = new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(700), TransferMode.Immediate, "second", "transfer-body");
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Grains.GetGrain<ITransferGrain>(Guid.NewGuid()).Execute(request, new Actor(payer, "Investor"), stamp with { RequestHash = "transfer-body" }));
        Assert.Equal(DomainErrors.IdempotencyKeyReused, error.Error);
        Assert.Equal(Money.Zero, (await fixture.Account(payee).GetBalances()).Available);
        Assert.Equal(new Money(10_001), (await fixture.Account(payer).GetBalances()).Available);
    }

    [Fact]
    public async Task ImmediateTransfer_RepeatedAfterTheMoneyIsGone_IsAnsweredWithTheTransfer()
    {
        var payer = await fixture.FundedParticipantAsync(1_000);
        var payee = await fixture.NewParticipantAsync();
        var transferId = Guid.NewGuid();
        var request = new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(1_000), TransferMode.Immediate, "all of it", "h");
        var first = await fixture.Grains.GetGrain<ITransferGrain>(transferId).Execute(request, new Actor(payer, "Investor"));

        // The grain left after paying; a new activation meets an empty account and the booked transfer.
        var again = await fixture.Grains.GetGrain<ITransferGrain>(transferId).Execute(request, new Actor(payer, "Investor"));
        Assert.Equal(first, again);
        Assert.Equal(new Money(1_000), (await fixture.Account(payee).GetBalances()).Available);
    }

    [Fact]
    public async Task ImmediateTransferAnEarlierVersionLeftReserved_IsSettledByItsRepeat_NotPaidAgain()
    {
        var payer = await fixture.FundedParticipantAsync(8_000);
        var payee = await fixture.NewParticipantAsync();
        var transferId = Guid.NewGuid();
        await fixture.Account(payer).Reserve(new TransferRecord(transferId, "", AccountId.ForParticipant(payee), 6_000,
            TransferMode.Immediate, TransferStatus.Requested, "h", payer, "interrupted", default, default), new Actor(payer, "Investor"));

        var request = new TransferRequest(payer, AccountId.ForParticipant(payee), new Money(6_000), TransferMode.Immediate, "interrupted", "h");
        var repeat = await fixture.Grains.GetGrain<ITransferGrain>(transferId).Execute(request, new Actor(payer, "Investor"));

        Assert.Equal(TransferStatus.Settled, repeat.Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(payer), new Money(2_000), Money.Zero), await fixture.Account(payer).GetBalances());
        Assert.Equal(new Money(6_000), (await fixture.Account(payee).GetBalances()).Available);
        var trail = await fixture.Store.ReadAuditAsync(TransferAuditTrail.ObjectId(transferId), 0, 10);
        Assert.Equal(["transfer-reserved", "transfer-settled"], trail.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task ExpiredRecords_ArePurgedByTheService_OnTheBusinessClock_AndYoungerOnesKept()
    {
        var scope = Guid.NewGuid().ToString("N");
        var now = fixture.Clock.GetUtcNow();
        await fixture.Store.SaveIdempotencyRecordAsync(new IdempotencyRecord(scope, "old", "h", 201, "{}", null, now - TimeSpan.FromHours(49)));
        await fixture.Store.SaveIdempotencyRecordAsync(new IdempotencyRecord(scope, "young", "h", 201, "{}", null, now - TimeSpan.FromHours(47)));
        var service = new IdempotencyExpiryService(fixture.Store, fixture.Clock,
            Options.Create(new IdempotencyExpiryOptions { Retention = TimeSpan.FromHours(48), PurgeBatchSize = 1 }), NullLogger<IdempotencyExpiryService>.Instance);

        Assert.True(await service.PurgeAsync(CancellationToken.None) >= 1);
        Assert.Null(await fixture.Store.FindIdempotencyRecordAsync(scope, "old"));
        Assert.NotNull(await fixture.Store.FindIdempotencyRecordAsync(scope, "young"));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await service.PurgeAsync(CancellationToken.None);
        Assert.Null(await fixture.Store.FindIdempotencyRecordAsync(scope, "young"));
    }

    [Theory]
    [InlineData("23:59:59", false)]
    [InlineData("1.00:00:00", true)]
    [InlineData("7.00:00:00", true)]
    public void Retention_ShorterThanADay_IsRefusedAtStart(string retention, bool accepted)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Exchange:Idempotency:Retention"] = retention }).Build();
        using var services = new ServiceCollection().AddIdempotencyExpiry(configuration).BuildServiceProvider();
        var read = () => services.GetRequiredService<IOptions<IdempotencyExpiryOptions>>().Value;
        if (accepted)
        {
            Assert.Equal(TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture), read().Retention);
        }
        else
        {
            Assert.Contains("at least 24 hours", Assert.Throws<OptionsValidationException>(read).Message);
        }
    }
}
