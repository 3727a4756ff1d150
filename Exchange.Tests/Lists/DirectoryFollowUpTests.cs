using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Lists;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Lists;

/// <summary>An object's entry in the lists is one of its follow-ups: written with its state, carried out until done.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DirectoryFollowUpTests(ClusterFixture fixture)
{
    private Task<DirectoryPage> ListAsync(string kind, Guid party, string? relation = null) =>
        fixture.Store.ListDirectoryAsync(new DirectoryQuery(kind, party, relation, null, DirectoryMatch.Direct, 0, 50));

    [Fact]
    public async Task EntryWriteFailingAfterTheStateWrite_IsDoneByTheRetry()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        var command = new RegisterParticipant("Listed Ltd", ParticipantKind.Enterprise, TestCodes.NewCreditCode(), ParticipantRoles.Investor, true, false);
        fixture.Faults.ArmOnce(FaultInjectingStore.Directory, key => key == $"participant:{id:N}");

        await Assert.ThrowsAsync<FollowUpsPendingException>(() => grain.Register(command, Actor.System));
        Assert.Empty((await ListAsync(DirectoryKinds.Participant, id)).Items);

        await grain.Register(command, Actor.System);
        Assert.Equal("pending", Assert.Single((await ListAsync(DirectoryKinds.Participant, id)).Items).Entry.Status);

        await grain.DecideKyc(KycDecision.Verify, "checked", Actor.System);
        Assert.Equal("verified", Assert.Single((await ListAsync(DirectoryKinds.Participant, id)).Items).Entry.Status);
    }

    [Fact]
    public async Task EntryFollowsTheObject_TheBuyerOfASettledSaleOwnsThePatentInTheLists()
    {
        var (number, owners) = await fixture.PatentInForceAsync();
        var buyer = await fixture.FundedParticipantAsync(1_000_000);
        var transfer = fixture.Grains.GetGrain<IPatentTransferGrain>(Guid.NewGuid());
        await transfer.Propose(new ProposePatentTransfer(number, buyer, new Money(10_000), null, null), Actor.System);
        await transfer.Consent(new Actor(owners[0], "Owner"));
        await transfer.EscrowFunds(new Actor(buyer, "Investor"));
        await transfer.Record("CNIPA-LISTS-1", new Actor(Guid.NewGuid(), "Operator"));

        Assert.DoesNotContain((await ListAsync(DirectoryKinds.Patent, owners[0])).Items, i => i.Entry.ObjectId == number);
        Assert.Contains((await ListAsync(DirectoryKinds.Patent, buyer, DirectoryRelations.Owner)).Items, i => i.Entry.ObjectId == number);
        Assert.Equal("settled", Assert.Single((await ListAsync(DirectoryKinds.PatentTransfer, owners[0], DirectoryRelations.Seller)).Items).Entry.Status);
    }
}
