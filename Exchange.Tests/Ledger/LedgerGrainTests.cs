using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Storage;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Ledger;

[Collection(ClusterCollection.Name)]
public sealed class LedgerGrainTests(ClusterFixture fixture)
{
    private ITransferGrain Transfer(Guid? id = null) => fixture.Grains.GetGrain<ITransferGrain>(id ?? Guid.NewGuid());

    private static TransferRequest Pay(Guid payer, Guid payee, long fen, TransferMode mode = TransferMode.Immediate, string hash = "h") =>
        new(payer, AccountId.ForParticipant(payee), new Money(fen), mode, "test payment", hash);

    private static Actor As(Guid participant) => new(participant, "Investor");

    [Fact]
    public async Task Deposit_ThenWithdraw_MovesMoneyThroughTheExternalAccount()
    {
        var id = await fixture.NewParticipantAsync();
        var account = fixture.Account(id);
        await account.Deposit("deposit:" + Guid.NewGuid(), new Money(10_000), "in", Actor.System);
        var after = await account.Withdraw("withdrawal:" + Guid.NewGuid(), new Money(2_500), "out", As(id));
        Assert.Equal(new Money(7_500), after.Available);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task RepeatedDeposit_WithTheSamePostingId_IsBookedOnce()
    {
        var id = await fixture.NewParticipantAsync();
        var postingId = "deposit:" + Guid.NewGuid();
        await fixture.Account(id).Deposit(postingId, new Money(900), "in", Actor.System);
        var again = await fixture.Account(id).Deposit(postingId, new Money(900), "in", Actor.System);
        Assert.Equal(new Money(900), again.Available);
    }

    [Fact]
    public async Task WithdrawingMoreThanAvailable_IsRefused_AndNothingMoves()
    {
        var id = await fixture.FundedParticipantAsync(1_000);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Account(id).Withdraw("withdrawal:" + Guid.NewGuid(), new Money(1_001), "", As(id)));
        Assert.Equal(DomainErrors.InsufficientFunds, error.Error);
        Assert.Contains("short by CNY 0.01", error.Message);
        Assert.Equal(new Money(1_000), (await fixture.Account(id).GetBalances()).Available);
    }

    [Fact]
    public async Task UnverifiedParticipant_CannotMoveMoney()
    {
        var id = await fixture.NewParticipantAsync(verified: false);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Account(id).Deposit("deposit:" + Guid.NewGuid(), new Money(1), "", Actor.System));
        Assert.Equal(DomainErrors.KycNotVerified, error.Error);
    }

    [Fact]
    public async Task SuspendingAnActiveAccountsOwner_StopsItsDebitsAtOnce_AndReinstatingResumesThem()
    {
        var id = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        await Transfer().Execute(Pay(id, payee, 100), As(id)); // the account is active and has cached "verified"
        var participant = fixture.Grains.GetGrain<Grains.Participants.IParticipantGrain>(id);

        await participant.DecideKyc(Grains.Participants.KycDecision.Suspend, "investigation", Actor.System);
        var error = await Assert.ThrowsAsync<DomainException>(() => Transfer().Execute(Pay(id, payee, 100), As(id)));
        Assert.Equal(DomainErrors.KycNotVerified, error.Error);
        await Assert.ThrowsAsync<DomainException>(() => fixture.Account(id).Withdraw("withdrawal:" + Guid.NewGuid(), new Money(1), "", As(id)));

        await participant.DecideKyc(Grains.Participants.KycDecision.Reinstate, "cleared", Actor.System);
        Assert.Equal(TransferStatus.Settled, (await Transfer().Execute(Pay(id, payee, 100), As(id))).Status);
    }

    [Fact]
    public async Task ImmediateTransfer_SettlesOnce_MovingMoneyFromPayerToPayee()
    {
        var payer = await fixture.FundedParticipantAsync(50_000);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();

        var result = await transfer.Execute(Pay(payer, payee, 12_345), As(payer));
        var repeat = await transfer.Execute(Pay(payer, payee, 12_345), As(payer));

        Assert.Equal(TransferStatus.Settled, result.Status);
        Assert.Equal(result, repeat);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(payer), new Money(37_655), Money.Zero), await fixture.Account(payer).GetBalances());
        Assert.Equal(new Money(12_345), (await fixture.Account(payee).GetBalances()).Available);
        // One posting, straight from the payer's available funds to the payee's: nothing was ever reserved.
        var audit = await fixture.Store.ReadAuditAsync($"transfer:{result.TransferId:N}", 0, 10);
        Assert.Equal(["transfer-settled"], audit.Entries.Select(e => e.Action));
        var payerLines = (await fixture.Store.ReadStatementAsync(AccountId.ForParticipant(payer), 0, 10)).Lines.Where(l => l.TransferId == result.TransferId).ToArray();
        Assert.Equal((PostingKind.Transfer, Bucket.Available, -12_345L), (Assert.Single(payerLines).Kind, payerLines[0].Bucket, payerLines[0].AmountFen));
    }

    [Fact]
    public async Task SameTransferId_WithADifferentRequest_IsRefused()
    {
        var payer = await fixture.FundedParticipantAsync(50_000);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();
        await transfer.Execute(Pay(payer, payee, 100, hash: "first"), As(payer));
        var error = await Assert.ThrowsAsync<DomainException>(() => transfer.Execute(Pay(payer, payee, 200, hash: "second"), As(payer)));
        Assert.Equal(DomainErrors.IdempotencyKeyReused, error.Error);
        Assert.Equal(new Money(100), (await fixture.Account(payee).GetBalances()).Available);
    }

    [Fact]
    public async Task TransferBeyondAvailableFunds_IsRefused_AndLeavesNoTrace()
    {
        var payer = await fixture.FundedParticipantAsync(999);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();
        var error = await Assert.ThrowsAsync<DomainException>(() => transfer.Execute(Pay(payer, payee, 1_000), As(payer)));
        Assert.Equal(DomainErrors.InsufficientFunds, error.Error);
        Assert.Null(await transfer.TryGet());
        Assert.Equal(new Money(999), (await fixture.Account(payer).GetBalances()).Available);
    }

    [Fact]
    public async Task TransferToAnUnverifiedPayee_IsRefused()
    {
        var payer = await fixture.FundedParticipantAsync(1_000);
        var payee = await fixture.NewParticipantAsync(verified: false);
        var error = await Assert.ThrowsAsync<DomainException>(() => Transfer().Execute(Pay(payer, payee, 10), As(payer)));
        Assert.Equal(DomainErrors.KycNotVerified, error.Error);
    }

    [Fact]
    public async Task TransferToAnUnknownPayee_IsRefused()
    {
        var payer = await fixture.FundedParticipantAsync(1_000);
        var error = await Assert.ThrowsAsync<DomainException>(() => Transfer().Execute(Pay(payer, Guid.NewGuid(), 10), As(payer)));
        Assert.Equal(DomainErrors.ParticipantNotFound, error.Error);
    }

    [Fact]
    public async Task HeldTransfer_KeepsFundsReserved_UntilReleased()
    {
        var payer = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();
        var held = await transfer.Execute(Pay(payer, payee, 3_000, TransferMode.Hold), As(payer));
        Assert.Equal(TransferStatus.FundsReserved, held.Status);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(payer), new Money(2_000), new Money(3_000)), await fixture.Account(payer).GetBalances());

        var released = await transfer.Release(As(payer));
        Assert.Equal(TransferStatus.Released, released.Status);
        Assert.Equal(new Money(5_000), (await fixture.Account(payer).GetBalances()).Available);
        Assert.Equal(Money.Zero, (await fixture.Account(payee).GetBalances()).Available);

        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => transfer.Settle(As(payer)))).Error);
        Assert.Equal(TransferStatus.Released, (await transfer.Release(As(payer))).Status);
    }

    [Fact]
    public async Task HeldTransfer_Settled_PaysThePayee()
    {
        var payer = await fixture.FundedParticipantAsync(5_000);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();
        await transfer.Execute(Pay(payer, payee, 4_000, TransferMode.Hold), As(payer));
        Assert.Equal(TransferStatus.Settled, (await transfer.Settle(As(payer))).Status);
        Assert.Equal(new Money(4_000), (await fixture.Account(payee).GetBalances()).Available);
        Assert.Equal(DomainErrors.InvalidTransition, (await Assert.ThrowsAsync<DomainException>(() => transfer.Release(As(payer)))).Error);
    }

    [Fact]
    public async Task PaymentToThePlatformEscrow_LandsInItsAccount_AndTheTrialBalanceShowsIt()
    {
        var payer = await fixture.FundedParticipantAsync(2_000);
        var before = await fixture.Grains.GetGrain<IAccountGrain>(AccountId.PlatformEscrow).GetBalances();
        var transfer = await Transfer().Execute(new TransferRequest(payer, AccountId.PlatformEscrow, new Money(1_500), TransferMode.Immediate, "listing fee", "h"), As(payer));
        Assert.Equal(TransferStatus.Settled, transfer.Status);
        var after = await fixture.Grains.GetGrain<IAccountGrain>(AccountId.PlatformEscrow).GetBalances();
        Assert.Equal(before.Available + new Money(1_500), after.Available);
        var trial = await fixture.Store.ComputeTrialBalanceAsync();
        Assert.Equal(after.Available.Fen, trial.PlatformEscrowFen);
        Assert.Equal(0, trial.TotalFen);
    }

    [Fact]
    public async Task TransferToTheExternalAccount_IsRefused()
    {
        var payer = await fixture.FundedParticipantAsync(2_000);
        var error = await Assert.ThrowsAsync<DomainException>(() => Transfer().Execute(new TransferRequest(payer, AccountId.External, new Money(1), TransferMode.Immediate, "", "h"), As(payer)));
        Assert.Equal(DomainErrors.InvalidInput, error.Error);
    }

    [Fact]
    public async Task SettlingAnUnknownTransfer_IsNotFound() =>
        Assert.Equal(DomainErrors.TransferNotFound, (await Assert.ThrowsAsync<DomainException>(() => Transfer().Settle(Actor.System))).Error);

    [Fact]
    public async Task ConcurrentTransfersFromOnePayer_NeverOverdraw()
    {
        var payer = await fixture.FundedParticipantAsync(10_000);
        var payee = await fixture.NewParticipantAsync();
        var attempts = Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                await Transfer().Execute(Pay(payer, payee, 700), As(payer));
                return true;
            }
            catch (DomainException e) when (e.Error == DomainErrors.InsufficientFunds)
            {
                return false;
            }
        });
        var succeeded = (await Task.WhenAll(attempts)).Count(ok => ok);
        Assert.Equal(14, succeeded); // 14 × 700 = 9,800 ≤ 10,000 < 15 × 700
        Assert.Equal(new Money(200), (await fixture.Account(payer).GetBalances()).Available);
        Assert.Equal(new Money(9_800), (await fixture.Account(payee).GetBalances()).Available);
    }

    [Fact]
    public async Task RandomTraffic_KeepsTheTrialBalanceAtZero_AndEveryAccountNonNegative()
    {
        var random = new Random(7);
        var people = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            people.Add(await fixture.FundedParticipantAsync(random.Next(0, 100_000)));
        }
        for (var i = 0; i < 150; i++)
        {
            var payer = people[random.Next(people.Count)];
            var payee = people[random.Next(people.Count)];
            try
            {
                await Transfer().Execute(Pay(payer, payee, random.Next(1, 30_000), random.Next(4) == 0 ? TransferMode.Hold : TransferMode.Immediate), As(payer));
            }
            catch (DomainException e) when (e.Error == DomainErrors.InsufficientFunds || e.Error == DomainErrors.SameAccount)
            {
            }
        }
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
        foreach (var person in people)
        {
            var balances = await fixture.Account(person).GetBalances();
            Assert.True(balances.Available.Fen >= 0 && balances.Reserved.Fen >= 0, $"{balances}");
        }
    }

    [Fact]
    public async Task ImmediateTransferLeftReserved_IsSettledByTheRecoverySweep_ExactlyOnce()
    {
        var payer = await fixture.FundedParticipantAsync(8_000);
        var payee = await fixture.NewParticipantAsync();
        var transferId = Guid.NewGuid();
        // What a crash between reserve and settle leaves behind: the reservation, written, and nothing else.
        await fixture.Account(payer).Reserve(new TransferRecord(transferId, "", AccountId.ForParticipant(payee), 6_000,
            TransferMode.Immediate, TransferStatus.Requested, "h", payer, "interrupted", default, default), As(payer));
        Assert.Contains(transferId, await fixture.Store.FindStalledTransfersAsync(fixture.Clock.GetUtcNow().AddSeconds(3), 10_000));

        fixture.Clock.Advance(TimeSpan.FromSeconds(5));
        var sweep = fixture.RecoveryService(TimeSpan.FromSeconds(2));
        Assert.True(await sweep.SweepAsync(CancellationToken.None) >= 1);
        await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal(TransferStatus.Settled, (await Transfer(transferId).TryGet())!.Status);
        Assert.Equal(new Money(6_000), (await fixture.Account(payee).GetBalances()).Available);
        Assert.Equal(new AccountSnapshot(AccountId.ForParticipant(payer), new Money(2_000), Money.Zero), await fixture.Account(payer).GetBalances());
    }

    [Fact]
    public async Task HeldTransfer_IsLeftAloneByTheRecoverySweep()
    {
        var payer = await fixture.FundedParticipantAsync(8_000);
        var payee = await fixture.NewParticipantAsync();
        var transfer = Transfer();
        var held = await transfer.Execute(Pay(payer, payee, 1_000, TransferMode.Hold), As(payer));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.RecoveryService(TimeSpan.FromSeconds(2)).SweepAsync(CancellationToken.None);
        Assert.Equal(TransferStatus.FundsReserved, (await transfer.TryGet())!.Status);
        Assert.Equal(held.TransferId, (await transfer.TryGet())!.TransferId);
    }
}

/// <summary>The recovery sweep ends its round even when the same stalled transfers keep coming back, a full batch of them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransferRecoverySweepTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TransfersThatStayStalled_AreResumedOncePerRound_AndTheRoundEnds()
    {
        var stuck = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var sweep = new TransferRecoveryService(new AlwaysStalled(fixture.Store, stuck), fixture.Grains, fixture.Clock,
            Microsoft.Extensions.Options.Options.Create(new TransferRecoveryOptions { StallAfter = TimeSpan.FromSeconds(2), BatchSize = 2 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TransferRecoveryService>.Instance);

        var round = sweep.SweepAsync(CancellationToken.None);

        Assert.Same(round, await Task.WhenAny(round, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(2, await round);
    }

    /// <summary>A ledger whose query for stalled transfers always answers the same ones, however often they are resumed.</summary>
    private sealed class AlwaysStalled(ILedgerStore inner, Guid[] stalled) : ILedgerStore
    {
        public Task<IReadOnlyList<Guid>> FindStalledTransfersAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Guid>>(stalled.Take(limit).ToArray());

        public Task<CommitOutcome> CommitAsync(LedgerCommit commit, CancellationToken cancellationToken = default) => inner.CommitAsync(commit, cancellationToken);
        public Task<bool> PostingExistsAsync(string postingId, CancellationToken cancellationToken = default) => inner.PostingExistsAsync(postingId, cancellationToken);
        public Task<AccountBalances> LoadBalancesAsync(string accountId, CancellationToken cancellationToken = default) => inner.LoadBalancesAsync(accountId, cancellationToken);
        public Task<IReadOnlyList<TransferRecord>> LoadReservationsAsync(string payerAccount, CancellationToken cancellationToken = default) => inner.LoadReservationsAsync(payerAccount, cancellationToken);
        public Task<TransferRecord?> LoadTransferAsync(Guid transferId, CancellationToken cancellationToken = default) => inner.LoadTransferAsync(transferId, cancellationToken);
        public Task<TransferPage> ListTransfersAsync(TransferQuery query, CancellationToken cancellationToken = default) => inner.ListTransfersAsync(query, cancellationToken);
        public Task<StatementPage> ReadStatementAsync(string accountId, long afterSequence, int limit, CancellationToken cancellationToken = default) => inner.ReadStatementAsync(accountId, afterSequence, limit, cancellationToken);
        public Task<TrialBalance> ComputeTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.ComputeTrialBalanceAsync(cancellationToken);
        public Task<TrialBalanceVerification> VerifyTrialBalanceAsync(CancellationToken cancellationToken = default) => inner.VerifyTrialBalanceAsync(cancellationToken);
    }
}
