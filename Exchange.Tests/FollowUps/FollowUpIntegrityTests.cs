using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Exchange.Tests.FollowUps;

/// <summary>
/// The cases the review of the follow-up mechanism found: a write that fails after another grain was already told,
/// a follow-up its receiver refuses for good, money moved before the intent to move it was durable, work a command
/// did after its commit, a refusal reported as "recorded". Each test breaks if its rule is taken out.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FollowUpIntegrityTests(ClusterFixture fixture)
{
    private static readonly Actor Operator = new(Guid.NewGuid(), "Operator");

    [Fact]
    public async Task ProposalWhoseWriteFailed_AfterThePatentWasClaimed_DoesNotLockThePatent()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var buyer = await fixture.FundedParticipantAsync(1_000_000);
        var transferId = Guid.NewGuid();
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key.Contains(transferId.ToString("N"), StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.Grains.GetGrain<IPatentTransferGrain>(transferId).Propose(new ProposePatentTransfer(number, buyer, new Money(10_000), null, null), Actor.System));

        // The caller gives up. The patent's claim for the transfer was provisional: it lapses unconfirmed.
        fixture.Clock.Advance(LicenseClaimRules.ProvisionalLifetime + TimeSpan.FromMinutes(1));
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.CheckDeadlines();
        Assert.Null((await patent.TryGet())!.PendingTransfer);

        // Another buyer can propose now.
        var other = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        await other.Propose(new ProposePatentTransfer(number, await fixture.FundedParticipantAsync(1_000_000), new Money(10_000), null, null), Actor.System);
        Assert.Equal(other.GetPrimaryKey(), (await patent.TryGet())!.PendingTransfer);
    }

    [Fact]
    public async Task ConfirmedProposal_KeepsThePatentPastTheProvisionalLifetime()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var transfer = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        await transfer.Propose(new ProposePatentTransfer(number, await fixture.FundedParticipantAsync(1_000_000), new Money(10_000), null, null), Actor.System);

        fixture.Clock.Advance(LicenseClaimRules.ProvisionalLifetime + TimeSpan.FromMinutes(1));
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.CheckDeadlines();
        Assert.Equal(transfer.GetPrimaryKey(), (await patent.TryGet())!.PendingTransfer);
    }

    [Fact]
    public async Task InvalidationReachingARecordedSale_IsSetAside_AndThePatentKeepsWorking()
    {
        var (number, _, _, transfer) = await EscrowedSaleAsync();
        // The assignment follow-up's first attempt fails: the transfer is recorded, the patent not yet reassigned.
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key == $"patent/{number}");
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => transfer.Record("CNIPA-ASSIGN-R1", Operator));

        // The patent is declared invalid meanwhile; its follow-up tells the recorded transfer to cancel, which it won't.
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Invalidate("CNIPA-INV-R1", Actor.System);

        // Later commands on the patent are not refused because of it.
        await fixture.Grains.GetGrain<IPatentEncumbrances>(number).ReleaseLicense(Guid.NewGuid());
        Assert.NotNull((await patent.TryGet())!.InvalidatedOn);
    }

    [Fact]
    public async Task RecordedSaleWhosePatentIsInvalidatedMeanwhile_StillSettles()
    {
        var (number, seller, _, transfer) = await EscrowedSaleAsync();
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key == $"patent/{number}");
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => transfer.Record("CNIPA-ASSIGN-R2", Operator));
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key.StartsWith($"patent:{number}:invalidated", StringComparison.Ordinal));
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => fixture.Grains.GetGrain<IPatentGrain>(number).Invalidate("CNIPA-INV-R2", Actor.System));

        await ClusterFixture.EventuallyAsync(async () =>
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
            return (await transfer.TryGet())!.Status == PatentTransferStatus.Settled;
        }, "the recorded sale settles by its own retries");
        Assert.Equal(new Money(10_000), (await fixture.Account(seller).GetBalances()).Available);
    }

    [Fact]
    public async Task ActivationWhoseWriteFailed_ChargesNothing()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licenseId = Guid.NewGuid();
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(licenseId);
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.FromYuan(10_000), 300, Money.Zero);
        await licence.Draft(new DraftLicense([number], licensee, terms, fixture.Today), Actor.System);
        var before = (await fixture.Account(licensee).GetBalances()).Available;
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key.Contains(licenseId.ToString("N"), StringComparison.Ordinal));

        await Assert.ThrowsAnyAsync<Exception>(() => licence.Submit(Actor.System));
        fixture.Clock.Advance(TimeSpan.FromMinutes(15)); // nobody retries; the provisional claim lapses

        var status = (await licence.TryGet())!.Status;
        var charged = before - (await fixture.Account(licensee).GetBalances()).Available;
        Assert.True(status == LicenseStatus.Active || charged == Money.Zero,
            $"licence is {status}, licensee charged {charged}, owner received {(await fixture.Account(owners[0]).GetBalances()).Available}");
    }

    [Fact]
    public async Task ActivationWhoseFollowUpFailedOnce_IsCompletedByTheLicencesOwnRetry_PayingOnce()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.FromYuan(10_000), 300, Money.Zero);
        await licence.Draft(new DraftLicense([number], licensee, terms, fixture.Today), Actor.System);
        var owner = (await fixture.Account(owners[0]).GetBalances()).Available;

        // The licence's audit entry, owed before the activation's own step, fails once: the intent is durable, the payment waits.
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key == $"license:{licence.GetPrimaryKey():N}:submitted");
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => licence.Submit(Actor.System));
        Assert.Equal(owner, (await fixture.Account(owners[0]).GetBalances()).Available);
        await ClusterFixture.EventuallyAsync(async () =>
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
            return (await licence.TryGet())!.Status == LicenseStatus.Active;
        }, "the activation completes by the licence's own retries");
        await licence.Submit(Actor.System); // the client's retry changes nothing
        Assert.Equal(owner + Money.FromYuan(10_000), (await fixture.Account(owners[0]).GetBalances()).Available);
    }

    [Fact]
    public async Task ClaimRecordedByAPatentStillCompletingItsOwnFollowUps_CountsAsClaimed()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        await licence.Draft(new DraftLicense([number], licensee, new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.Zero), fixture.Today), Actor.System);

        // The patent records the claim but its audit entry of it fails once: the licence goes ahead.
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key.StartsWith($"patent:{number}:license-claimed", StringComparison.Ordinal));
        await licence.Submit(Actor.System);

        Assert.Equal(LicenseStatus.Active, (await licence.TryGet())!.Status);
        Assert.Contains((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses, l => l.LicenseId == licence.GetPrimaryKey());
    }

    [Fact]
    public async Task InvalidationReachingALicenceWithAnUnconfirmedClaim_RecordsTheInvalidation()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.FromYuan(40_000));
        await licence.Draft(new DraftLicense([number], licensee, terms, fixture.Today), Actor.System);
        var patentWrites = 0;
        // The patent's third write from now (the claim's confirmation) fails once.
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key == $"patent/{number}" && ++patentWrites == 3);
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => licence.Submit(Actor.System));

        var invalidatedOn = fixture.Today;
        await fixture.Grains.GetGrain<IPatentGrain>(number).Invalidate("CNIPA-INV-R3", Actor.System);
        await fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reloaded = (await licence.TryGet())!;

        Assert.Equal(invalidatedOn, reloaded.RightsEndedOn);
        Assert.Contains(number, reloaded.InvalidatedPatents ?? []);
    }

    [Fact]
    public async Task ProposalWhoseAuditFollowUpFailedOnce_StillHasItsDeadlineReminder()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var buyer = await fixture.FundedParticipantAsync(1_000_000);
        var transferId = Guid.NewGuid();
        var transfer = fixture.Grains.GetGrain<IPatentTransferGrain>(transferId);
        var proposal = new ProposePatentTransfer(number, buyer, new Money(10_000), null, null);
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key == $"patent-transfer:{transferId:N}:proposed");
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => transfer.Propose(proposal, Actor.System));

        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Orleans.IReminderTable>();
        var rows = await reminders.ReadRows(transfer.GetGrainId());
        Assert.Contains(rows.Reminders, r => r.ReminderName == "patent-transfer-deadline");
    }

    [Fact]
    public async Task CommandRefusedBecauseAnEarlierFollowUpIsPending_IsReportedBusy_NotRecorded()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licenseId = Guid.NewGuid();
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(licenseId);
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.Zero);
        await licence.Draft(new DraftLicense([number], licensee, terms, fixture.Today), Actor.System);
        await licence.Submit(Actor.System);
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        // The report's audit entry fails on the commit and on the next attempt.
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key == $"license:{licenseId:N}:royalty-reported:0");
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key == $"license:{licenseId:N}:royalty-reported:0");
        await Assert.ThrowsAsync<FollowUpsPendingException>(() => licence.ReportNetSales(0, new Money(10_000_000), asLicensee));

        var refusal = await Record(() => licence.PayRoyalty(0, asLicensee));
        var invoice = (await licence.TryGet())!.Invoices.Single();
        if (refusal is not null)
        {
            Assert.IsType<ObjectBusyException>(refusal);
            Assert.Null(invoice.PaidOn);
        }
        else
        {
            Assert.NotNull(invoice.PaidOn);
        }
    }

    private async Task<(string Number, Guid Owner, Guid Buyer, IPatentTransferGrain Transfer)> EscrowedSaleAsync()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var buyer = await fixture.FundedParticipantAsync(1_000_000);
        var transfer = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        await transfer.Propose(new ProposePatentTransfer(number, buyer, new Money(10_000), null, null), Actor.System);
        await transfer.Consent(new Actor(owners[0], "Owner"));
        await transfer.EscrowFunds(new Actor(buyer, "Investor"));
        return (number, owners[0], buyer, transfer);
    }

    private static async Task<Exception?> Record(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
