using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;

namespace Exchange.Benchmarks.Navigation;

/// <summary>Builds a patent market of realistic shape through the grains: owners, agencies, patents, mandates, listings.</summary>
public static class NavigationData
{
    public static readonly string[] Subclasses = ["H01M", "H01L", "G06F", "G06N", "A61K", "A61B", "C07D", "B60L", "H04W", "H10K", "F03D", "C12N", "G01N", "B33Y", "H02J", "C08L"];
    private static readonly string[] Words = ["battery", "electrolyte", "cathode", "semiconductor", "neural", "network", "vaccine", "antibody", "sensor", "wireless",
        "solar", "perovskite", "turbine", "polymer", "catalyst", "laser", "imaging", "robot", "charging", "graphene", "lidar", "enzyme", "printing", "grid"];

    public static async Task<(Guid[] Owners, Guid[] Agencies)> ParticipantsAsync(IGrainFactory grains, int owners, int agencies)
    {
        async Task<Guid> Register(string name, ParticipantRoles roles, bool small)
        {
            var id = DeterministicId.From("bench", name);
            var grain = grains.GetGrain<IParticipantGrain>(id);
            await grain.Register(new RegisterParticipant(name, ParticipantKind.Enterprise,
                CreditCodeRules.CompleteUnifiedSocialCreditCode("9111" + (Math.Abs(name.GetHashCode()) % 1_000_000_000_000L).ToString("D13")), roles, true, small), Actor.System);
            await grain.DecideKyc(KycDecision.Verify, "benchmark", Actor.System);
            return id;
        }
        var ownerIds = new Guid[owners];
        var agencyIds = new Guid[agencies];
        for (var i = 0; i < owners; i++)
        {
            ownerIds[i] = await Register($"Bench owner {i}", ParticipantRoles.Owner, i % 2 == 0);
        }
        for (var i = 0; i < agencies; i++)
        {
            agencyIds[i] = await Register($"Bench agency {i}", ParticipantRoles.Agency, false);
        }
        return (ownerIds, agencyIds);
    }

    public static string Number(int i, int filingYear)
    {
        var digits = $"{filingYear}1{i:D7}";
        return $"{digits}.{ApplicationNumber.CheckCharacterOf(digits)}";
    }

    public static RegisterPatent Patent(int i, int filingYear, Guid owner)
    {
        var random = new Random(i);
        var subclass = Subclasses[i % Subclasses.Length];
        var title = string.Join(' ', Enumerable.Range(0, 4).Select(_ => Words[random.Next(Words.Length)]));
        var abstractText = string.Join(' ', Enumerable.Range(0, 30).Select(_ => Words[random.Next(Words.Length)]));
        return new RegisterPatent(Number(i, filingYear), title, abstractText, [$"{subclass} {random.Next(1, 99)}/{random.Next(10, 99)}"],
            new DateOnly(filingYear, 1 + i % 12, 1 + i % 28), [new PatentOwner(owner, 10_000)], [new Inventor($"Inventor {i}", i % 3 == 0, i % 3 == 0 ? owner : null)]);
    }

    public static CreateListing Listing(int i, string number, DateOnly today)
    {
        var random = new Random(-i);
        var type = (LicenseType)(i % 3);
        var terms = new LicenseTerms(type, ["CN"], [Subclasses[i % Subclasses.Length]], 12 * (1 + i % 10), Money.FromYuan(random.Next(1, 500) * 1_000), 100 + i % 900, Money.FromYuan(random.Next(0, 100) * 1_000));
        return new CreateListing([number], i % 2 == 0 ? Money.FromYuan(random.Next(10, 5_000) * 1_000) : null, terms, today.AddMonths(6));
    }
}
