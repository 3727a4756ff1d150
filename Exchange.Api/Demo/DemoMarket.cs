using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;

namespace Exchange.Api.Demo;

/// <summary>
/// A small, coherent demo market with ten months of history: a participant of every role, five patents in five IPC
/// classes (annual fees falling due within weeks), a licence that started ten months ago with three royalty periods
/// reported, paid and distributed, a patent sale recorded and settled, an open listing with live offers, an open
/// licence, pledges: the licensed patent and its royalties securing a bank loan repaid month by month, and an
/// application awaiting the operator's review (DemoMarket.Pledges.cs); and a securitization pool of the agency's
/// licence royalties, issued and paying (DemoMarket.Pools.cs). Each step runs at its date in the history (<see cref="DemoClock"/>) through the same grain commands the
/// API gives, so every rule is applied as it would have been. Every id derives from a fixed name: loading it again
/// repeats the same commands, which change nothing.
/// </summary>
public sealed partial class DemoMarket(IGrainFactory grains, DemoClock clock)
{
    public sealed record DemoParticipant(Guid Id, string Name, ParticipantRoles Roles);

    private static readonly Actor Operator = new(PlatformBootstrap.OperatorId, nameof(ParticipantRoles.Operator));

    // Who is who (index into Participants).
    private const int Agency = 0, Institute = 1, Ventures = 2, Bank = 3, BatteryMaker = 4, Regulator = 5, FundManager = 6, VoucherOffice = 7, SensorStartup = 8;

    private static readonly (string Name, ParticipantKind Kind, string First17, ParticipantRoles Roles, bool Small)[] Participants =
    [
        ("Zhongguancun IP Operations Co., Ltd.", ParticipantKind.Enterprise, "91110108MA01AGNCY", ParticipantRoles.Agency | ParticipantRoles.Owner, true),
        ("Beijing Institute of Advanced Materials", ParticipantKind.UniversityOrInstitute, "12110000MB1UNWR5T", ParticipantRoles.Owner | ParticipantRoles.Licensee, false),
        ("Haidian Science Ventures LLP", ParticipantKind.Enterprise, "91110108MA01NWE5T", ParticipantRoles.Investor | ParticipantRoles.LimitedPartner, true),
        ("Bank of Innovation, Beijing Branch", ParticipantKind.Bank, "91110000MA01BANK1", ParticipantRoles.Pledgee, false),
        ("Shenzhen Solid-State Battery Co., Ltd.", ParticipantKind.Enterprise, "91440300MA5BATTRY", ParticipantRoles.Licensee | ParticipantRoles.Owner | ParticipantRoles.Investor, true),
        ("National IP Market Regulator (demo)", ParticipantKind.Enterprise, "11100000MB0REGU1A", ParticipantRoles.Regulator, false),
        ("Greater Bay IP Operations Fund Management", ParticipantKind.Enterprise, "91440300MA5FUNDMG", ParticipantRoles.FundManager, false),
        ("Haidian Innovation Voucher Office", ParticipantKind.Enterprise, "11110108MB0WCHR0F", ParticipantRoles.VoucherIssuer, false),
        ("Hangzhou Smart Sensor Technology Co., Ltd.", ParticipantKind.Enterprise, "91330100MA2XEN5R1", ParticipantRoles.VoucherHolder | ParticipantRoles.Licensee | ParticipantRoles.Owner, true),
    ];

    private readonly Guid[] _ids = [.. Participants.Select(p => Id(p.Name))];

    /// <summary>The first day of the history; everything after it happens at its own date up to today.</summary>
    private DateOnly Start => clock.RealToday.AddDays(-320);

    private Actor As(int who, ParticipantRoles role) => new(_ids[who], role.ToString());

    private Task<IReadOnlyList<DemoParticipant>>? _loading;
    private readonly Lock _lock = new();

    /// <summary>Loads the market once per process (the clock is shared: two loads at once would mix their dates).</summary>
    public Task<IReadOnlyList<DemoParticipant>> LoadAsync()
    {
        lock (_lock)
        {
            return _loading ??= LoadOnceAsync();
        }
    }

    private async Task<IReadOnlyList<DemoParticipant>> LoadOnceAsync()
    {
        try
        {
            if (!await IsLoadedAsync())
            {
                await LoadHistoryAsync();
            }
        }
        finally
        {
            clock.BackToRealTime();
        }
        return [.. Participants.Select((p, i) => new DemoParticipant(_ids[i], p.Name, p.Roles))];
    }

    /// <summary>The last step of the history is done: loading again would only repeat commands.</summary>
    private async Task<bool> IsLoadedAsync() =>
        await grains.GetGrain<IListingGrain>(Id("listing:accelerator")).TryGet() is { Offers.Count: 2 };

    private async Task LoadHistoryAsync()
    {
        clock.StandAt(Start);
        await RegisterParticipantsAsync();
        var electrolyte = await PatentAsync("solid-state electrolyte", Institute, "H01M 10/0562", "Sulfide solid-state electrolyte with a lithium-halide interlayer", dueInDays: 30);
        var accelerator = await PatentAsync("accelerator", Institute, "G06N 3/063", "Sparse systolic-array accelerator for neural network inference", dueInDays: 40);
        var compound = await PatentAsync("compound", Institute, "A61K 31/4745", "Camptothecin derivative with reduced intestinal toxicity", dueInDays: 12);
        var scheduler = await PatentAsync("scheduler", SensorStartup, "H04W 72/04", "Uplink scheduling for battery-free sensor networks", dueInDays: 20);
        var cathode = await PatentAsync("cathode", BatteryMaker, "H01M 4/525", "High-nickel cathode with a fluoride surface coating", dueInDays: 44);
        var membrane = await PatentAsync("membrane", BatteryMaker, "C02F 1/44", "Graphene-oxide membrane for brackish water desalination", dueInDays: 35);
        var pooled = await PooledPatentsAsync();

        clock.StandAt(Start.AddDays(5));
        var licence = await LicensedElectrolyteAsync(electrolyte);
        clock.StandAt(Start.AddDays(40));
        await grains.GetGrain<ILicenseGrain>(licence).FileRecord("CNIPA-LIC-DEMO-0001", Operator);
        clock.StandAt(Start.AddDays(60));
        await SoldSchedulerAsync(scheduler);
        for (var period = 0; period < 3; period++)
        {
            // Each quarter's net sales are reported and paid ten days after the quarter ends.
            clock.StandAt(Start.AddDays(5).AddMonths(3 * (period + 1)).AddDays(10));
            var sales = Money.FromYuan(1_250_000m + 420_000m * period + 17.35m);
            await grains.GetGrain<ILicenseGrain>(licence).ReportNetSales(period, sales, As(BatteryMaker, ParticipantRoles.Licensee));
            await grains.GetGrain<ILicenseGrain>(licence).PayRoyalty(period, As(BatteryMaker, ParticipantRoles.Licensee));
            if (period == 0)
            {
                clock.StandAt(Start.AddDays(5).AddMonths(3).AddDays(15));
                await PledgedElectrolyteAsync(electrolyte, licence);
            }
            await RepayInstalmentsDueByAsync(Start.AddDays(5).AddMonths(3 * (period + 2)).AddDays(9));
        }
        await RepayInstalmentsDueByAsync(clock.RealToday);
        clock.StandAt(clock.RealToday.AddDays(-12));
        await AppliedCompoundPledgeAsync(compound);
        clock.StandAt(clock.RealToday.AddDays(-15));
        await grains.GetGrain<IPatentGrain>(membrane).DeclareOpenLicense(
            new LicenseTerms(LicenseType.Ordinary, ["CN"], ["C02F"], 36, Money.FromYuan(20_000m), 250, Money.FromYuan(5_000m)), As(BatteryMaker, ParticipantRoles.Owner));
        await DefaultedCathodePledgeAsync(cathode);
        await PooledRoyaltiesAsync(pooled, Start.AddDays(100));
        clock.StandAt(clock.RealToday.AddDays(-10));
        await ListedAcceleratorAsync(accelerator);
    }

    private async Task RegisterParticipantsAsync()
    {
        for (var i = 0; i < Participants.Length; i++)
        {
            var p = Participants[i];
            var grain = grains.GetGrain<IParticipantGrain>(_ids[i]);
            await grain.Register(new RegisterParticipant(p.Name, p.Kind, CreditCodeRules.CompleteUnifiedSocialCreditCode(p.First17), p.Roles, IsDomestic: true, IsSmallEntity: p.Small), Operator);
            await grain.DecideKyc(KycDecision.Verify, "demo: documents checked", Operator);
        }
        foreach (var (who, yuan) in new[] { (Ventures, 8_000_000m), (BatteryMaker, 2_500_000m), (SensorStartup, 300_000m), (Institute, 60_000m), (Agency, 10_000m) })
        {
            await Account(who).Deposit($"deposit:demo:{who}", Money.FromYuan(yuan), "demo: opening deposit", Operator);
        }
        await grains.GetGrain<ITransferGrain>(Id("transfer:brokerage"))
            .Execute(new TransferRequest(_ids[Ventures], AccountId.ForParticipant(_ids[Agency]), Money.FromYuan(12_800.50m), TransferMode.Immediate, "brokerage retainer (demo)", "demo"), As(Ventures, ParticipantRoles.Investor));
    }

    /// <summary>
    /// An invention patent filed years ago so that its next annual fee falls due <paramref name="dueInDays"/> from
    /// today (at most 40: the one before falls due before the history starts and is paid at grant); recorded by the operator (the office's record), granted on the history's first day with that year's
    /// fee paid, and mandated to the agency.
    /// </summary>
    private async Task<string> PatentAsync(string name, int owner, string ipc, string title, int dueInDays)
    {
        var filed = clock.RealToday.AddDays(dueInDays).AddYears(-4);
        var digits = $"{filed.Year}1{BitConverter.ToUInt32(Id("patent:" + name).ToByteArray()) % 10_000_000:D7}";
        var number = $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
        var patent = grains.GetGrain<IPatentGrain>(number);
        await patent.Register(new RegisterPatent(number, title, $"{title}. (Demo data.)", [ipc], filed,
            [new PatentOwner(_ids[owner], 10_000)], [new Inventor("Chen Jing", true, _ids[owner]), new Inventor("Wang Lei", true, _ids[owner])]), Operator);
        var granted = await patent.Grant(Start, Operator);
        while (granted.NextFee is { } fee && fee.DueDate <= Start)
        {
            await Account(owner).Deposit($"deposit:demo:fee:{name}:{fee.PatentYear}", fee.FullFee, "demo: annual fee", Operator);
            granted = await patent.PayAnnualFee(fee.PatentYear, _ids[owner], As(owner, ParticipantRoles.Owner));
        }
        await patent.GrantMandate(_ids[owner], _ids[Agency], clock.RealToday.AddYears(1), As(owner, ParticipantRoles.Owner));
        return number;
    }

    /// <summary>Listed for sale and licence; the battery maker takes an ordinary licence, upfront fee paid.</summary>
    private async Task<Guid> LicensedElectrolyteAsync(string number)
    {
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.FromYuan(50_000m), 400, Money.FromYuan(20_000m));
        var listing = await ListAsync("electrolyte", number, Money.FromYuan(2_000_000m), terms, Start.AddMonths(11));
        var offer = Id("offer:electrolyte-licence");
        await listing.MakeOffer(offer, new MakeOffer(OfferKind.License, null, terms, Start.AddDays(30)), As(BatteryMaker, ParticipantRoles.Licensee));
        await listing.Accept(offer, As(Agency, ParticipantRoles.Agency));
        var licence = Id("licence:electrolyte");
        await grains.GetGrain<ILicenseGrain>(licence).ExecuteAcceptedOffer(listing.GetPrimaryKey(), offer, Start.AddDays(5), As(BatteryMaker, ParticipantRoles.Licensee));
        return licence;
    }

    /// <summary>Listed for sale, bought by the venture fund after a counter-offer, assigned and recorded: the sellers are paid from escrow.</summary>
    private async Task SoldSchedulerAsync(string number)
    {
        var listing = await ListAsync("scheduler", number, Money.FromYuan(800_000m), null, Start.AddMonths(4));
        var offer = Id("offer:scheduler-purchase");
        var buyer = As(Ventures, ParticipantRoles.Investor);
        await listing.MakeOffer(offer, new MakeOffer(OfferKind.Purchase, Money.FromYuan(720_000m), null, Start.AddDays(80)), buyer);
        await listing.Counter(offer, Money.FromYuan(765_000m), null, As(Agency, ParticipantRoles.Agency));
        var accepted = await listing.Accept(offer, buyer);
        var transfer = grains.GetGrain<IPatentTransferGrain>(accepted.Offers.Single(o => o.OfferId == offer).PatentTransfers.Single());
        await transfer.Consent(As(SensorStartup, ParticipantRoles.Owner));
        await transfer.EscrowFunds(buyer);
        await transfer.Record("CNIPA-ASSIGN-DEMO-0001", Operator);
    }

    /// <summary>Open now, with two live offers: a purchase bid from the venture fund and a licence bid from the sensor start-up.</summary>
    private async Task ListedAcceleratorAsync(string number)
    {
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["G06N"], 36, Money.FromYuan(80_000m), 350, Money.FromYuan(30_000m));
        var listing = await ListAsync("accelerator", number, Money.FromYuan(3_000_000m), terms, clock.RealToday.AddMonths(3));
        await listing.MakeOffer(Id("offer:accelerator-purchase"), new MakeOffer(OfferKind.Purchase, Money.FromYuan(2_600_000m), null, clock.RealToday.AddDays(20)), As(Ventures, ParticipantRoles.Investor));
        await listing.MakeOffer(Id("offer:accelerator-licence"), new MakeOffer(OfferKind.License, null, terms with { UpfrontFee = Money.FromYuan(60_000m) }, clock.RealToday.AddDays(25)),
            As(SensorStartup, ParticipantRoles.Licensee));
    }

    private async Task<IListingGrain> ListAsync(string name, string number, Money price, LicenseTerms? terms, DateOnly expiresOn)
    {
        var listing = grains.GetGrain<IListingGrain>(Id("listing:" + name));
        await listing.Create(new CreateListing([number], price, terms, expiresOn), As(Agency, ParticipantRoles.Agency));
        return listing;
    }

    private IAccountGrain Account(int who) => grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(_ids[who]));

    private static Guid Id(string name) => DeterministicId.From("demo", name);
}
