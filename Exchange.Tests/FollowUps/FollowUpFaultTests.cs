using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.FollowUps;

/// <summary>
/// For each kind of follow-up, the first attempt after the state write fails (a transient fault of the database or of
/// the receiving grain). The command reports that its change is recorded but not complete; the client's retry (or the
/// grain's own retry timer) then completes it, and every follow-up happened exactly once. Writing the follow-ups
/// after the state instead of with it makes these tests fail: the retry finds the change made and has nothing to redo.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FollowUpFaultTests(ClusterFixture fixture)
{
    private static readonly LicenseTerms Ordinary = new(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.FromYuan(10_000), 300, Money.FromYuan(5_000));

    [Fact]
    public async Task AuditAppendFailingAfterTheWrite_IsDoneByTheRetry_Once()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        var command = new RegisterParticipant("Fault-tolerant Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false);
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key.StartsWith($"participant:{id:N}:registered", StringComparison.Ordinal));

        await Assert.ThrowsAsync<FollowUpsPendingException>(() => grain.Register(command, Actor.System));
        Assert.NotNull(await grain.TryGet()); // the change itself is recorded
        Assert.Empty(await fixture.AuditOfAsync($"participant:{id:N}", "registered"));

        await grain.Register(command, Actor.System);
        Assert.Single(await fixture.AuditOfAsync($"participant:{id:N}", "registered"));
        await grain.Register(command, Actor.System);
        Assert.Single(await fixture.AuditOfAsync($"participant:{id:N}", "registered"));
    }

    [Fact]
    public async Task AuditAppendFailingAfterTheWrite_IsDoneByTheGrainsOwnRetry_WithoutTheClient()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key.StartsWith($"participant:{id:N}:registered", StringComparison.Ordinal));

        await Assert.ThrowsAsync<FollowUpsPendingException>(() =>
            grain.Register(new RegisterParticipant("Patient Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false), Actor.System));

        // Grain timers follow the business clock in the test cluster: let a few of its seconds pass.
        await ClusterFixture.EventuallyAsync(async () =>
        {
            fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
            return (await fixture.AuditOfAsync($"participant:{id:N}", "registered")).Count == 1;
        }, "the retry timer appends the entry");
    }

    [Fact]
    public async Task ListingIndexRowAndPatentEncumbrance_FailingAfterTheListingsWrite_AreDoneByTheRetry_Once()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var agency = await fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        await fixture.Grains.GetGrain<IPatentGrain>(number).GrantMandate(owners[0], agency, fixture.Today.AddYears(1), new Actor(owners[0], "Owner"));
        var listingId = Guid.NewGuid();
        var listing = fixture.Grains.GetGrain<IListingGrain>(listingId);
        var command = new CreateListing([number], Money.FromYuan(500_000), null, fixture.Today.AddMonths(3));
        fixture.Faults.ArmOnce(FaultInjectingStore.ListingIndex, key => key == listingId.ToString("N"));
        // The patent (the receiver of the encumbrance) fails its own state write once too.
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.BeforeWrite, key => key.EndsWith(number, StringComparison.Ordinal));

        await Assert.ThrowsAsync<FollowUpsPendingException>(() => listing.Create(command, new Actor(agency, "Agency")));
        // The retry finishes the index row, then meets the patent's failing write: still busy with the first attempt.
        await Assert.ThrowsAsync<ObjectBusyException>(() => listing.Create(command, new Actor(agency, "Agency")));
        await listing.Create(command, new Actor(agency, "Agency"));

        var found = await fixture.Store.SearchListingsAsync(new ListingQuery(null, null, null, null, null, null, owners[0], null, 10));
        Assert.Equal(listingId, Assert.Single(found.Listings).ListingId);
        Assert.Equal([listingId], (await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.OpenListings);
        Assert.Single(await fixture.AuditOfAsync($"patent:{number}", "listing-opened"));
        Assert.Single(await fixture.AuditOfAsync($"listing:{listingId:N}", "listed"));
    }

    [Fact]
    public async Task FilingRowAndMarketDataEvent_FailingAfterTheActivation_AreDoneByTheRetry_Once()
    {
        var (number, _) = await fixture.PatentInForceAsync();
        var licenseId = Guid.NewGuid();
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(licenseId);
        await licence.Draft(new DraftLicense([number], await fixture.FundedParticipantAsync(100_000_000), Ordinary, fixture.Today), Actor.System);
        fixture.Faults.ArmOnce(FaultInjectingStore.Filing, key => key == licenseId.ToString("N"));
        fixture.Faults.ArmOnce(FaultInjectingStore.Deal, key => key == licenseId.ToString("N"));

        await Assert.ThrowsAsync<FollowUpsPendingException>(() => licence.Submit(Actor.System));
        await Assert.ThrowsAsync<ObjectBusyException>(() => licence.Submit(Actor.System));
        var active = await licence.Submit(Actor.System);

        Assert.Equal(LicenseStatus.Active, active.Status);
        var overdue = await fixture.Store.ReadOverdueFilingsAsync(fixture.Today.AddDays(100), null, 10_000);
        Assert.Single(overdue, f => f.LicenseId == licenseId);
        var deals = await fixture.Store.ReadDealsAsync(null, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        Assert.Equal(Money.FromYuan(10_000).Fen, Assert.Single(deals, d => d.DealId == licenseId).PriceFen);
        Assert.Single(await fixture.AuditOfAsync($"license:{licenseId:N}", "active"));
        // The patent's claim was confirmed exactly once, in effect.
        Assert.Equal(ClaimStage.InEffect, Assert.Single((await fixture.Grains.GetGrain<IPatentGrain>(number).TryGet())!.Licenses).Stage);
    }

    [Fact]
    public async Task SuspendedLicensee_WhoseRetriedPaymentWasInterrupted_IsCuredByThePaymentItself()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var licensee = await fixture.FundedParticipantAsync(100_000_000);
        var licence = fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var start = fixture.Today;
        await licence.Draft(new DraftLicense([number], licensee, Ordinary with { UpfrontFee = Money.Zero }, start), Actor.System);
        await licence.Submit(Actor.System);
        var asLicensee = new Actor(licensee, "Licensee");
        fixture.Clock.Advance(TimeSpan.FromDays(92));
        await licence.ReportNetSales(0, new Money(10_000_000), asLicensee);
        fixture.Clock.Advance(TimeSpan.FromDays(95)); // past due date + 60 days
        Assert.Equal(LicenseStatus.Suspended, (await licence.CheckExpiry()).Status);
        var id = licence.GetPrimaryKey();
        fixture.Faults.ArmOnce(FaultInjectingStore.Audit, key => key.StartsWith($"license:{id:N}:royalty-paid", StringComparison.Ordinal));

        await Assert.ThrowsAsync<FollowUpsPendingException>(() => licence.PayRoyalty(0, asLicensee));
        Assert.Equal(LicenseStatus.Active, (await licence.TryGet())!.Status); // paid and cured in one write
        var invoice = await licence.PayRoyalty(0, asLicensee);

        Assert.NotNull(invoice.PaidOn);
        Assert.Single(await fixture.AuditOfAsync($"license:{id:N}", "royalty-paid"));
        var owner = await fixture.Account(owners[0]).GetBalances();
        Assert.Equal(invoice.Royalty + invoice.LateInterest, owner.Available); // paid once
    }

    [Fact]
    public async Task GrainWriteWhoseAnswerWasLost_IsReloaded_AndTheRetryFindsTheChangeMade()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        var command = new RegisterParticipant("Lost Answer Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false);
        fixture.Faults.ArmOnce(FaultInjectingGrainStorage.AfterWrite, key => key.EndsWith(id.ToString("N"), StringComparison.Ordinal) || key.EndsWith(id.ToString(), StringComparison.Ordinal));

        // Orleans wraps a storage provider's failure; what matters is that the grain now serves what storage holds.
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Register(command, Actor.System));
        // The write had reached storage: the activation reloaded it in place and owes the audit entry.
        Assert.NotNull(await grain.TryGet());
        await grain.Register(command, Actor.System);
        Assert.Single(await fixture.AuditOfAsync($"participant:{id:N}", "registered"));
    }
}
