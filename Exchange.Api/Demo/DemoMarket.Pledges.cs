using Exchange.Grains.Common;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Pledges;

namespace Exchange.Api.Demo;

/// <summary>
/// The demo's pledges: the institute pledges its licensed electrolyte patent and that licence's royalties to the bank
/// for a two-year loan, registered by the operator and repaid on every due date since, the bank consenting to a licence to
/// the sensor start-up whose money it holds in escrow; a fresh application on the compound patent, awaiting the
/// operator's review past its two-working-day deadline; and the battery maker's cathode patent securing a loan never
/// repaid: in default, its collateral offered on the market by the bank, with the venture fund's bid open.
/// </summary>
public sealed partial class DemoMarket
{
    private Guid ElectrolytePledge => Id("pledge:electrolyte");

    private async Task PledgedElectrolyteAsync(string number, Guid licence)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pledge = grains.GetGrain<IPledgeGrain>(ElectrolytePledge);
        var loan = new LoanTerms(Money.FromYuan(600_000m), 0.0435m, today, 24, RepaymentMethod.EqualPrincipal, Math.Min(today.Day, 28));
        await pledge.Apply(PledgeApplication(number, [licence], loan, Money.FromYuan(1_500_000m), today), As(Bank, ParticipantRoles.Pledgee));
        await pledge.Sign(As(Institute, ParticipantRoles.Owner));
        await pledge.StartReview(Operator);
        await pledge.Register(Operator);
        // The bank lets the sensor start-up take a licence of its collateral, the licence's money held in escrow (Civil Code Art. 444).
        await pledge.ConsentToDisposal(new Grains.Patents.PledgeeConsent(Grains.Patents.DisposalKind.License, _ids[SensorStartup], Grains.Patents.ProceedsRoute.Escrow),
            As(Bank, ParticipantRoles.Pledgee));
    }

    /// <summary>The institute pays each instalment on its due date, up to <paramref name="day"/>, from money deposited for it.</summary>
    private async Task RepayInstalmentsDueByAsync(DateOnly day)
    {
        var pledge = grains.GetGrain<IPledgeGrain>(ElectrolytePledge);
        while (await pledge.TryGet() is { Standing.NextDue: { } next } && next.DueOn <= day && next.DueOn <= clock.RealToday)
        {
            clock.StandAt(next.DueOn);
            await Account(Institute).Deposit($"deposit:demo:loan:{next.Number}", next.Payment, "demo: loan repayment funds", Operator);
            await pledge.Repay(Id($"repayment:electrolyte:{next.Number}"), next.Payment, As(Institute, ParticipantRoles.Owner));
        }
    }

    private async Task AppliedCompoundPledgeAsync(string number)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var loan = new LoanTerms(Money.FromYuan(250_000m), 0.039m, today.AddDays(14), 12, RepaymentMethod.EqualInstalments, 10);
        var pledge = grains.GetGrain<IPledgeGrain>(Id("pledge:compound"));
        await pledge.Apply(PledgeApplication(number, [], loan, Money.FromYuan(800_000m), today), As(Institute, ParticipantRoles.Owner));
        await pledge.Sign(As(Bank, ParticipantRoles.Pledgee));
    }

    private async Task DefaultedCathodePledgeAsync(string number)
    {
        clock.StandAt(clock.RealToday.AddDays(-110));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pledge = grains.GetGrain<IPledgeGrain>(Id("pledge:cathode"));
        var loan = new LoanTerms(Money.FromYuan(400_000m), 0.0435m, today, 12, RepaymentMethod.EqualInstalments, Math.Min(today.Day, 28));
        await pledge.Apply(PledgeApplication(number, [], loan, Money.FromYuan(1_200_000m), today), As(Bank, ParticipantRoles.Pledgee));
        await pledge.Sign(As(BatteryMaker, ParticipantRoles.Owner));
        await pledge.StartReview(Operator);
        await pledge.Register(Operator);
        // Nothing is repaid: past the first due date and its 30 grace days the bank declares the default...
        clock.StandAt(clock.RealToday.AddDays(-45));
        await pledge.DeclareDefault(As(Bank, ParticipantRoles.Pledgee));
        // ...and offers the collateral on the market to find its buyer (Civil Code Art. 436). The offer it accepts there
        // becomes the enforcement's sale, for the operator to approve: in the demo the venture fund's bid is still open.
        clock.StandAt(clock.RealToday.AddDays(-40));
        var listing = grains.GetGrain<IListingGrain>(Id("listing:cathode-enforcement"));
        await listing.Create(new CreateListing([number], Money.FromYuan(450_000m), null, clock.RealToday.AddMonths(2), EnforcesPledge: pledge.GetPrimaryKey()),
            As(Bank, ParticipantRoles.Pledgee));
        await listing.MakeOffer(Id("offer:cathode-purchase"), new MakeOffer(OfferKind.Purchase, Money.FromYuan(380_000m), null, clock.RealToday.AddDays(30)),
            As(Ventures, ParticipantRoles.Investor));
    }

    private PledgeApplication PledgeApplication(string number, Guid[] licences, LoanTerms loan, Money appraised, DateOnly today) =>
        new(_ids[Bank], [number], licences, new Appraisal(appraised, "Zhonghe Assets Appraisal Co. (demo)", today.AddDays(-20), $"ZH-PV-DEMO-{number[..8]}"),
            0.5m, loan, 30, ApplicationChannel.Online,
            new PledgeDocuments("Pledge registration form signed by both parties (demo)", $"Pledge contract BOI-DEMO-{number[..8]}", "Business licences of both parties (demo)"));
}
