using System.Diagnostics;
using Exchange.Grains.Common;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.FollowUps;

/// <summary>A cluster whose grains pause before each audit follow-up, so that two commands overlap, and whose calls time out after 10 s.</summary>
public sealed class PausingClusterFixture : IAsyncLifetime
{
    public ClusterFixture Inner { get; } = new(new Dictionary<string, string?>
    {
        ["Exchange:Testing:PauseBeforeFollowUp"] = "audit:",
        ["Exchange:Testing:PauseFor"] = "00:00:00.300",
    }, TimeSpan.FromSeconds(10));

    public Task InitializeAsync() => Inner.InitializeAsync();

    public Task DisposeAsync() => Inner.DisposeAsync();
}

/// <summary>
/// Two grains whose follow-ups call each other, each in its own call chain, would wait on each other: call-chain
/// reentrancy only admits callbacks of the same chain. A follow-up's call has its own deadline
/// (<see cref="Exchange.Grains.FollowUps.FollowUpOptions.CallTimeout"/>), well inside the client's: both commands
/// answer — done, or recorded and completing — and their retries complete both.
/// </summary>
public sealed class FollowUpDeadlockTests(PausingClusterFixture pausing) : IClassFixture<PausingClusterFixture>
{
    private ClusterFixture Fixture => pausing.Inner;

    [Fact]
    public async Task ListingWithdrawnWhileItsPatentIsInvalidated_BothFinish()
    {
        var (patent, listing, agency) = await ListedPatentAsync();
        var clock = Stopwatch.StartNew();
        var errors = await ErrorsOf(listing.Withdraw(new Actor(agency, "Agency")), patent.Invalidate("CNIPA-INV-D1", Actor.System));
        Assert.True(errors.Count == 0, $"after {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", errors)}");

        await ClusterFixture.EventuallyAsync(async () =>
        {
            Fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
            var state = (await patent.TryGet())!;
            return state.InvalidatedOn is not null && state.OpenListings.Count == 0 && (await listing.TryGet())!.Status != ListingStatus.Open;
        }, "both changes complete");
    }

    [Fact]
    public async Task LicenceTerminatedWhileItsPatentIsInvalidated_BothFinish()
    {
        var (number, _) = await Fixture.PatentInForceAsync();
        var licensee = await Fixture.FundedParticipantAsync(100_000_000);
        var licence = Fixture.Grains.GetGrain<ILicenseGrain>(Guid.NewGuid());
        var terms = new LicenseTerms(LicenseType.Ordinary, ["CN"], ["H01M"], 24, Money.Zero, 300, Money.Zero);
        await licence.Draft(new DraftLicense([number], licensee, terms, Fixture.Today), Actor.System);
        await licence.Submit(Actor.System);

        var patent = Fixture.Grains.GetGrain<IPatentGrain>(number);
        var clock = Stopwatch.StartNew();
        var errors = await ErrorsOf(licence.Terminate(new Actor(licensee, "Licensee")), patent.Invalidate("CNIPA-INV-D3", Actor.System));
        Assert.True(errors.Count == 0, $"after {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(" | ", errors)}");

        await ClusterFixture.EventuallyAsync(async () =>
        {
            Fixture.Clock.Advance(TimeSpan.FromMilliseconds(500));
            var state = (await patent.TryGet())!;
            return state.InvalidatedOn is not null && state.Licenses.Count == 0 && (await licence.TryGet())!.Status != LicenseStatus.Active;
        }, "both changes complete");
    }

    private async Task<(IPatentGrain Patent, IListingGrain Listing, Guid Agency)> ListedPatentAsync()
    {
        var (number, owners) = await Fixture.PatentInForceAsync();
        var agency = await Fixture.NewParticipantAsync(roles: ParticipantRoles.Agency);
        var patent = Fixture.Grains.GetGrain<IPatentGrain>(number);
        await patent.GrantMandate(owners[0], agency, Fixture.Today.AddYears(1), new Actor(owners[0], "Owner"));
        var listing = Fixture.Grains.GetGrain<IListingGrain>(Guid.NewGuid());
        await listing.Create(new CreateListing([number], Money.FromYuan(90_000), null, Fixture.Today.AddMonths(3)), new Actor(agency, "Agency"));
        return (patent, listing, agency);
    }

    /// <summary>What the calls failed with, other than "recorded, completing".</summary>
    private static async Task<List<string>> ErrorsOf(params Task[] calls)
    {
        var errors = new List<string>();
        foreach (var call in calls)
        {
            try
            {
                await call;
            }
            catch (Exchange.Grains.FollowUps.FollowUpsPendingException)
            {
                // recorded; its retries complete it
            }
            catch (Exception ex)
            {
                errors.Add($"{ex.GetType().Name}: {ex.Message}");
            }
        }
        return errors;
    }
}
