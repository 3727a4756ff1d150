using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Patents;

[Collection(ClusterCollection.Name)]
public sealed class PatentGrainTests(ClusterFixture fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Moves the shared business clock to a day; tests count from dates the grain computed, not from "a year on".</summary>
    private void AdvanceTo(DateOnly day) => fixture.Clock.Advance(TimeSpan.FromDays(day.DayNumber - Today.DayNumber));

    /// <summary>A fresh, valid application number of the given kind filed in the given year.</summary>
    private static string NewNumber(int year, PatentKind kind)
    {
        var digits = $"{year}{(int)kind}{Random.Shared.Next(0, 10_000_000):D7}";
        return $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
    }

    private async Task<(IPatentGrain Patent, string Number, Guid Owner)> RegisteredAsync(DateOnly filed, PatentKind kind = PatentKind.Invention, bool smallEntity = true, long fundsFen = 10_000_000)
    {
        var owner = Guid.NewGuid();
        var participant = fixture.Grains.GetGrain<IParticipantGrain>(owner);
        await participant.Register(new RegisterParticipant("Owner " + owner.ToString("N")[..6], ParticipantKind.Enterprise, TestCodes.NewCreditCode(),
            ParticipantRoles.Owner, IsDomestic: true, IsSmallEntity: smallEntity), Actor.System);
        await participant.DecideKyc(KycDecision.Verify, "", Actor.System);
        if (fundsFen > 0)
        {
            await fixture.Account(owner).Deposit("deposit:" + Guid.NewGuid(), new Money(fundsFen), "fees", Actor.System);
        }
        var number = NewNumber(filed.Year, kind);
        var patent = fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.Register(Registration(number, filed, owner), Actor.System);
        return (patent, number, owner);
    }

    private static RegisterPatent Registration(string number, DateOnly filed, Guid owner) => new(number, "Solid-state electrolyte for lithium batteries",
        "A sulfide electrolyte ...", ["H01M 10/0562"], filed, [new PatentOwner(owner, 10_000)], [new Inventor("Li Wei", true, owner)]);

    [Fact]
    public async Task RegisteredApplication_IsPending_WithItsTerm()
    {
        var filed = new DateOnly(2021, 6, 1);
        var (patent, number, _) = await RegisteredAsync(filed, PatentKind.Design);
        var snapshot = (await patent.TryGet())!;
        Assert.Equal((LegalStatus.Pending, PatentKind.Design), (snapshot.LegalStatus, snapshot.Kind));
        Assert.Equal(new DateOnly(2036, 5, 31), snapshot.LastDayOfTerm);
        Assert.Equal(number, snapshot.ApplicationNumber);
        Assert.Null(snapshot.NextFee);
    }

    [Fact]
    public async Task RepeatedRegistration_IsIdempotent_AndDifferentDetailsAreRefused()
    {
        var (patent, number, owner) = await RegisteredAsync(new DateOnly(2020, 3, 1));
        var same = Registration(number, new DateOnly(2020, 3, 1), owner);
        Assert.Equal(LegalStatus.Pending, (await patent.Register(same, Actor.System)).LegalStatus);
        var error = await Assert.ThrowsAsync<DomainException>(() => patent.Register(same with { Title = "Another title" }, Actor.System));
        Assert.Equal(DomainErrors.PatentAlreadyRegistered, error.Error);
    }

    [Fact]
    public async Task SharesNotAddingUpTo100Percent_AreRefused()
    {
        var a = await fixture.NewParticipantAsync();
        var b = await fixture.NewParticipantAsync();
        var number = NewNumber(2020, PatentKind.Invention);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPatentGrain>(number).Register(
            Registration(number, new DateOnly(2020, 1, 2), a) with { Owners = [new PatentOwner(a, 6_000), new PatentOwner(b, 3_000)] }, Actor.System));
        Assert.Equal("owners", error.Field);
        Assert.Contains("90", error.Message);
    }

    [Fact]
    public async Task UnknownOwner_IsRefused()
    {
        var number = NewNumber(2020, PatentKind.Invention);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPatentGrain>(number).Register(Registration(number, new DateOnly(2020, 1, 2), Guid.NewGuid()), Actor.System));
        Assert.Equal(DomainErrors.ParticipantNotFound, error.Error);
    }

    [Fact]
    public async Task FilingDateFromAnotherYearThanTheNumber_IsRefused()
    {
        var owner = await fixture.NewParticipantAsync();
        var number = NewNumber(2020, PatentKind.Invention);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPatentGrain>(number).Register(Registration(number, new DateOnly(2019, 12, 31), owner), Actor.System));
        Assert.Equal("filingDate", error.Field);
    }

    [Fact]
    public async Task GrantedPatent_PaysItsFirstFeeReduced_ThroughTheLedger_Once()
    {
        var filed = Today.AddYears(-3).AddDays(10); // granted today, in patent year 3
        var (patent, number, owner) = await RegisteredAsync(filed);
        var granted = await patent.Grant(Today, Actor.System);
        Assert.Equal(LegalStatus.InForce, granted.LegalStatus);
        Assert.Equal(new NextAnnualFee(3, Today, Today.AddMonths(6), Money.FromYuan(900)), granted.NextFee);

        var before = await fixture.Account(owner).GetBalances();
        var paid = await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        var again = await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        var after = await fixture.Account(owner).GetBalances();

        Assert.Equal([3], paid.PaidFeeYears);
        Assert.Equal(paid.PaidFeeYears, again.PaidFeeYears);
        Assert.Equal(Money.FromYuan(135), before.Available - after.Available); // 85% off 900 for a single small-entity owner
        Assert.Equal(4, paid.NextFee!.PatentYear);
        Assert.Equal(0, (await fixture.Store.ComputeTrialBalanceAsync()).TotalFen);
    }

    [Fact]
    public async Task UnpaidFee_PutsThePatentInGrace_AndLatePaymentCarriesTheSurcharge()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, _, owner) = await RegisteredAsync(filed, smallEntity: false);
        await patent.Grant(Today, Actor.System);
        var paidYear3 = await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));

        AdvanceTo(paidYear3.NextFee!.DueDate.AddDays(1)); // past the year-4 due date
        Assert.Equal(LegalStatus.GracePeriod, (await patent.CheckDeadlines()).LegalStatus);
        fixture.Clock.Advance(TimeSpan.FromDays(62)); // two whole months late
        var before = await fixture.Account(owner).GetBalances();
        var paid = await patent.PayAnnualFee(4, owner, new Actor(owner, "Owner"));
        var after = await fixture.Account(owner).GetBalances();

        Assert.Equal(LegalStatus.InForce, paid.LegalStatus);
        Assert.Equal(Money.FromYuan(1_200 + 120), before.Available - after.Available); // full fee (not small) + 2 × 5%
    }

    [Fact]
    public async Task FeeUnpaidThroughTheGracePeriod_LapsesFromTheDueDate_AndRestorationWithinTwoMonthsRevivesIt()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, _, owner) = await RegisteredAsync(filed);
        await patent.Grant(Today, Actor.System);
        await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        var dueYear4 = filed.AddYears(3);

        fixture.Clock.Advance(TimeSpan.FromDays(10 + 190));
        var lapsed = await patent.CheckDeadlines();
        Assert.Equal(LegalStatus.Lapsed, lapsed.LegalStatus);
        Assert.Equal(dueYear4, lapsed.LapsedFrom);
        Assert.Equal(Today, lapsed.LapseNoticeDate);
        Assert.Equal(DomainErrors.InvalidPatentTransition, (await Assert.ThrowsAsync<DomainException>(() => patent.PayAnnualFee(4, owner, new Actor(owner, "Owner")))).Error);

        fixture.Clock.Advance(TimeSpan.FromDays(30));
        var before = await fixture.Account(owner).GetBalances();
        var restored = await patent.Restore(owner, new Actor(owner, "Owner"));
        var after = await fixture.Account(owner).GetBalances();
        Assert.Equal(LegalStatus.Restored, restored.LegalStatus);
        Assert.Contains(4, restored.PaidFeeYears);
        Assert.Equal(Money.FromYuan(180 + 300 + 1_000), before.Available - after.Available); // reduced fee + 25% of full + request fee
        Assert.Equal(LegalStatus.Restored, (await patent.CheckDeadlines()).LegalStatus);
    }

    [Fact]
    public async Task RestorationAfterTwoMonths_IsRefused_AndNothingIsCharged()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, _, owner) = await RegisteredAsync(filed);
        await patent.Grant(Today, Actor.System);
        await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        fixture.Clock.Advance(TimeSpan.FromDays(10 + 190));
        await patent.CheckDeadlines();
        fixture.Clock.Advance(TimeSpan.FromDays(70)); // past two months, however long those months are
        var before = await fixture.Account(owner).GetBalances();
        var error = await Assert.ThrowsAsync<DomainException>(() => patent.Restore(owner, new Actor(owner, "Owner")));
        Assert.Contains("2 months", error.Message);
        Assert.Equal(before, await fixture.Account(owner).GetBalances());
    }

    [Fact]
    public async Task DailyReminderTick_AppliesTheDeadlines()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, number, owner) = await RegisteredAsync(filed);
        await patent.Grant(Today, Actor.System);
        var paid = await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        AdvanceTo(paid.NextFee!.DueDate.AddDays(1));
        Assert.Empty(await fixture.AuditOfAsync($"patent:{number}", "deadline:"));
        // What the reminder service does once a day: the grain's own tick handler moves the stored status.
        await fixture.Grains.GetGrain<IPatentGrain>(number).AsReference<IRemindable>()
            .ReceiveReminder("legal-status-deadlines", new Orleans.Runtime.TickStatus(DateTime.UtcNow, TimeSpan.FromHours(24), DateTime.UtcNow));
        Assert.Equal("deadline:FeeOverdue", Assert.Single(await fixture.AuditOfAsync($"patent:{number}", "deadline:")).Action);
        Assert.Equal(LegalStatus.GracePeriod, (await patent.TryGet())!.LegalStatus);
    }

    [Fact]
    public async Task StatusRead_ReflectsAPassedDeadline_BeforeAnyReminder_AndACommandRecordsIt()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, number, owner) = await RegisteredAsync(filed);
        await patent.Grant(Today, Actor.System);
        var paid = await patent.PayAnnualFee(3, owner, new Actor(owner, "Owner"));
        AdvanceTo(paid.NextFee!.DueDate.AddDays(1));

        var read = (await patent.TryGet())!;
        Assert.Equal(LegalStatus.GracePeriod, read.LegalStatus);
        Assert.False(read.IsInForce);
        Assert.Empty(await fixture.AuditOfAsync($"patent:{number}", "deadline:")); // a read writes nothing

        // A command judges the status of today, and records the deadline it found passed.
        var licence = new Exchange.Grains.Licenses.LicenseClaim(Guid.NewGuid(), Exchange.Grains.Licenses.LicenseType.Ordinary,
            new Exchange.Grains.Licenses.LicenseScope(Today, Today.AddYears(1), ["CN"], ["H01M"]));
        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IPatentEncumbrances>(number).ClaimLicense(licence));
        Assert.Equal(DomainErrors.PatentNotInForce, refused.Error);
        Assert.Single(await fixture.AuditOfAsync($"patent:{number}", "deadline:FeeOverdue"));
    }

    [Fact]
    public async Task InvalidationDecision_EndsThePatent_EvenAfterLapse_AndIsRecorded()
    {
        var (patent, _, _) = await RegisteredAsync(Today.AddYears(-3).AddDays(10));
        Assert.Equal(DomainErrors.InvalidPatentTransition, (await Assert.ThrowsAsync<DomainException>(() => patent.Invalidate("CNIPA-INV-1", Actor.System))).Error); // pending: nothing to invalidate
        await patent.Grant(Today, Actor.System);
        fixture.Clock.Advance(TimeSpan.FromDays(190));
        Assert.Equal(LegalStatus.Lapsed, (await patent.CheckDeadlines()).LegalStatus);
        var invalidated = await patent.Invalidate("CNIPA-INV-2", Actor.System);
        Assert.Equal((LegalStatus.Invalidated, "CNIPA-INV-2"), (invalidated.LegalStatus, invalidated.InvalidationDecision));
        Assert.Equal(LegalStatus.Invalidated, (await patent.Invalidate("CNIPA-INV-2", Actor.System)).LegalStatus);
    }

    [Fact]
    public async Task TermEnd_ExpiresThePatent()
    {
        var filed = Today.AddYears(-10).AddDays(10); // utility model: the term ends in about ten days
        var (patent, _, owner) = await RegisteredAsync(filed, PatentKind.UtilityModel);
        var granted = await patent.Grant(Today, Actor.System);
        await patent.PayAnnualFee(10, owner, new Actor(owner, "Owner"));
        // Count the days from the term's own last day: "ten years on" depends on the leap days crossed.
        fixture.Clock.Advance(TimeSpan.FromDays(granted.LastDayOfTerm.DayNumber - Today.DayNumber));
        Assert.Equal(LegalStatus.InForce, (await patent.CheckDeadlines()).LegalStatus);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(LegalStatus.Expired, (await patent.CheckDeadlines()).LegalStatus);
    }

    [Fact]
    public async Task FeePaidByANonOwner_OrForTheWrongYear_OrWithoutFunds_IsRefused_AndNotRecorded()
    {
        var filed = Today.AddYears(-3).AddDays(10);
        var (patent, _, owner) = await RegisteredAsync(filed, fundsFen: 0);
        await patent.Grant(Today, Actor.System);
        var stranger = await fixture.FundedParticipantAsync(1_000_000);

        Assert.Equal(DomainErrors.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => patent.PayAnnualFee(3, stranger, new Actor(stranger, "Investor")))).Error);
        Assert.Equal(DomainErrors.AnnualFeeNotDue, (await Assert.ThrowsAsync<DomainException>(() => patent.PayAnnualFee(4, owner, new Actor(owner, "Owner")))).Error);
        Assert.Equal(DomainErrors.InsufficientFunds, (await Assert.ThrowsAsync<DomainException>(() => patent.PayAnnualFee(3, owner, new Actor(owner, "Owner")))).Error);
        Assert.Empty((await patent.TryGet())!.PaidFeeYears);
    }

    [Fact]
    public async Task GrantBeforeFilingOrInTheFuture_IsRefused()
    {
        var (patent, _, _) = await RegisteredAsync(Today.AddYears(-2));
        Assert.Equal("grantDate", (await Assert.ThrowsAsync<DomainException>(() => patent.Grant(Today.AddYears(-3), Actor.System))).Field);
        Assert.Equal("grantDate", (await Assert.ThrowsAsync<DomainException>(() => patent.Grant(Today.AddDays(1), Actor.System))).Field);
        Assert.Equal(LegalStatus.Pending, (await patent.TryGet())!.LegalStatus);
    }
}
