using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Participants;

namespace Exchange.Api.Infrastructure;

/// <summary>
/// A small demo exchange: an operating agency, a university patent owner, an investor and a bank, verified,
/// with money deposited and one payment made. Every id derives from a fixed name, so loading it twice is a no-op.
/// </summary>
public static class DemoData
{
    public sealed record DemoParticipant(Guid Id, string Name, ParticipantRoles Roles);

    public static async Task<IReadOnlyList<DemoParticipant>> LoadAsync(IGrainFactory grains)
    {
        var participants = new (string Name, ParticipantKind Kind, string First17, ParticipantRoles Roles, bool Small)[]
        {
            ("Zhongguancun IP Operations Co., Ltd.", ParticipantKind.Enterprise, "91110108MA01AGNCY", ParticipantRoles.Agency, true),
            ("Beijing Institute of Advanced Materials", ParticipantKind.UniversityOrInstitute, "12110000MB1UNVRST", ParticipantRoles.Owner | ParticipantRoles.Licensee, false),
            ("Haidian Science Ventures LLP", ParticipantKind.Enterprise, "91110108MA01NVEST", ParticipantRoles.Investor | ParticipantRoles.LimitedPartner, true),
            ("Bank of Innovation, Beijing Branch", ParticipantKind.Bank, "91110000MA01BANK1", ParticipantRoles.Pledgee, false),
        };
        var result = new List<DemoParticipant>();
        foreach (var p in participants)
        {
            var id = DeterministicId.From("demo", p.Name);
            var grain = grains.GetGrain<IParticipantGrain>(id);
            var code = CreditCodeRules.CompleteUnifiedSocialCreditCode(p.First17.Replace('S', '5').Replace('V', 'W').Replace('I', '1').Replace('O', '0').Replace('Z', '2'));
            await grain.Register(new RegisterParticipant(p.Name, p.Kind, code, p.Roles, IsDomestic: true, IsSmallEntity: p.Small), Actor.System);
            await grain.DecideKyc(KycDecision.Verify, "demo data", Actor.System);
            result.Add(new DemoParticipant(id, p.Name, p.Roles));
        }

        var investor = result[2].Id;
        await grains.GetGrain<IAccountGrain>(AccountId.ForParticipant(investor))
            .Deposit("deposit:demo-investor-1", Money.FromYuan(5_000_000m), "demo capital", Actor.System);
        await grains.GetGrain<ITransferGrain>(DeterministicId.From("demo", "transfer-1"))
            .Execute(new TransferRequest(investor, AccountId.ForParticipant(result[0].Id), Money.FromYuan(12_800.50m), TransferMode.Immediate, "brokerage fee (demo)", "demo"), new Actor(investor, "Investor"));
        return result;
    }
}
