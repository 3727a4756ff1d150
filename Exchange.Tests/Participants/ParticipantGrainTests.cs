using Exchange.Grains.Common;
using Exchange.Grains.Participants;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Participants;

[Collection(ClusterCollection.Name)]
public sealed class ParticipantGrainTests(ClusterFixture fixture)
{
    private static RegisterParticipant Registration(string first17 = "91110108MA01TEST1") => new("Tsinghua Tech Transfer Co.",
        ParticipantKind.Enterprise, CreditCodeRules.CompleteUnifiedSocialCreditCode(first17), ParticipantRoles.Agency | ParticipantRoles.Owner, true, true);

    private static string UniqueFirst17() => "91110108" + Random.Shared.NextInt64(100_000_000, 999_999_999);

    [Fact]
    public async Task NewParticipant_IsPendingKyc_AndAudited()
    {
        var id = Guid.NewGuid();
        var registration = Registration(UniqueFirst17());
        var actor = new Actor(Guid.NewGuid(), "Operator");
        var snapshot = await fixture.Grains.GetGrain<IParticipantGrain>(id).Register(registration, actor);

        Assert.Equal(KycStatus.Pending, snapshot.KycStatus);
        Assert.Equal(fixture.Clock.GetUtcNow(), snapshot.RegisteredAt);
        var audit = await fixture.Store.ReadAuditAsync($"participant:{id:N}", 0, 10);
        var entry = Assert.Single(audit.Entries);
        Assert.Equal(("registered", actor.ParticipantId), (entry.Action, entry.ActorId));
    }

    [Fact]
    public async Task RepeatedRegistration_ReturnsTheSameParticipant_AndAuditsOnce()
    {
        var id = Guid.NewGuid();
        var registration = Registration(UniqueFirst17());
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        var first = await grain.Register(registration, Actor.System);
        var again = await grain.Register(registration, Actor.System);
        Assert.Equal(first, again);
        Assert.Single((await fixture.Store.ReadAuditAsync($"participant:{id:N}", 0, 10)).Entries);
    }

    [Fact]
    public async Task SameId_DifferentDetails_IsRefused()
    {
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(Guid.NewGuid());
        var registration = Registration(UniqueFirst17());
        await grain.Register(registration, Actor.System);
        var error = await Assert.ThrowsAsync<DomainException>(() => grain.Register(registration with { LegalName = "Other" }, Actor.System));
        Assert.Equal(DomainErrors.IdempotencyKeyReused, error.Error);
    }

    [Fact]
    public async Task SecondParticipant_WithTheSameCreditCode_IsRefused()
    {
        var registration = Registration(UniqueFirst17());
        var first = Guid.NewGuid();
        await fixture.Grains.GetGrain<IParticipantGrain>(first).Register(registration, Actor.System);
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IParticipantGrain>(Guid.NewGuid()).Register(registration, Actor.System));
        Assert.Equal(DomainErrors.ParticipantAlreadyRegistered, error.Error);
        Assert.Contains(first.ToString(), error.Message);
    }

    [Fact]
    public async Task KycDecision_OnUnregisteredParticipant_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains.GetGrain<IParticipantGrain>(Guid.NewGuid()).DecideKyc(KycDecision.Verify, "", Actor.System));
        Assert.Equal(DomainErrors.ParticipantNotFound, error.Error);
    }

    [Fact]
    public async Task SuspendingAVerifiedParticipant_IsAudited_AndForbiddenDecisionsChangeNothing()
    {
        var id = await fixture.NewParticipantAsync();
        var grain = fixture.Grains.GetGrain<IParticipantGrain>(id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(KycStatus.Suspended, (await grain.DecideKyc(KycDecision.Suspend, "fraud report", Actor.System)).KycStatus);
        await Assert.ThrowsAsync<DomainException>(() => grain.DecideKyc(KycDecision.Reject, "", Actor.System));
        Assert.Equal(KycStatus.Suspended, (await grain.TryGet())!.KycStatus);
        var actions = (await fixture.Store.ReadAuditAsync($"participant:{id:N}", 0, 10)).Entries.Select(e => e.Action);
        Assert.Equal(["registered", "kyc:Verify", "kyc:Suspend"], actions);
    }
}
