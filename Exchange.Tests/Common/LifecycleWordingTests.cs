using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.PatentTransfers;
using Exchange.Grains.Patents;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Common;

/// <summary>Every refusal of every lifecycle, in every status, speaks the domain: no trigger or status names, no Stateless text.</summary>
public sealed class LifecycleWordingTests
{
    /// <summary>Each lifecycle's refusals: whatever each trigger throws from each status, with every guard failing.</summary>
    public static IEnumerable<DomainException> EveryRefusal()
    {
        foreach (var s in Enum.GetValues<OfferStatus>())
        {
            foreach (var t in Enum.GetValues<OfferTrigger>())
            {
                yield return Refused(() => new OfferLifecycle(() => s, _ => { }, () => false, "Offer O").TryFire(t));
            }
        }
        foreach (var s in Enum.GetValues<ListingStatus>())
        {
            foreach (var t in Enum.GetValues<ListingTrigger>())
            {
                yield return Refused(() => new ListingLifecycle(() => s, _ => { }, "Listing L").TryFire(t));
            }
        }
        foreach (var s in Enum.GetValues<PatentTransferStatus>())
        {
            foreach (var t in Enum.GetValues<PatentTransferTrigger>())
            {
                yield return Refused(() => new PatentTransferLifecycle(() => s, _ => { }, () => false, "Patent transfer P").TryFire(t));
            }
        }
        foreach (var s in Enum.GetValues<LicenseStatus>())
        {
            foreach (var t in Enum.GetValues<LicenseTrigger>())
            {
                yield return Refused(() => new LicenseLifecycle(() => s, _ => { }, () => false, () => false, () => false, "Licence C").TryFire(t));
            }
        }
        foreach (var s in Enum.GetValues<LegalStatus>())
        {
            foreach (var t in Enum.GetValues<LegalStatusTrigger>().Where(t => t != LegalStatusTrigger.Restore))
            {
                yield return Refused(() => new PatentLifecycle(() => s, _ => { }, () => null, "Patent N").TryFire(t));
            }
            yield return Refused(() => new PatentLifecycle(() => s, _ => { }, () => new DateOnly(2020, 1, 1), "Patent N").EnsureMayRestore(new DateOnly(2026, 1, 1)));
        }
        foreach (var s in Enum.GetValues<KycStatus>())
        {
            foreach (var d in Enum.GetValues<KycDecision>())
            {
                yield return Refused(() => new KycLifecycle(() => s, _ => { }, "Participant X").Decide(d));
            }
        }
        foreach (var s in Enum.GetValues<TransferStatus>())
        {
            foreach (var t in Enum.GetValues<TransferTrigger>())
            {
                yield return Refused(() => new TransferLifecycle(() => s, _ => { }, "Transfer T").AdvanceAsync(t, () => Task.CompletedTask).GetAwaiter().GetResult());
            }
        }
    }

    private static DomainException Refused(Action command)
    {
        try
        {
            command();
            return null!;
        }
        catch (DomainException refusal)
        {
            return refusal;
        }
    }

    [Fact]
    public void EveryRefusal_NamesItsObject_InTheDomainsWords()
    {
        var refusals = EveryRefusal().Where(r => r is not null).ToList();
        Assert.True(refusals.Count > 100, $"only {refusals.Count} refusals found");
        Assert.All(refusals, r =>
        {
            ReadableProblems.AssertReadable(r.Message);
            Assert.Matches(@"^(Offer O|Listing L|Patent transfer P|Licence C|Patent N|Participant X|Transfer T) ", r.Message);
        });
    }

    [Fact]
    public async Task StatusesAllowingATrigger_AreReadFromTheConfiguration_ChecksIncluded_RepeatsNot()
    {
        Assert.Equal("The listing is closed by a deal; a listing can be withdrawn only while it is open.",
            Assert.Throws<DomainException>(() => new ListingLifecycle(() => ListingStatus.Closed, _ => { }).Withdraw()).Message);
        // Consenting is a check (an internal transition), not a move: it still counts as what a status allows.
        Assert.Equal("Licence C is in effect; a licence can take a co-owner's consent only while it is awaiting its co-owners' consents.",
            Assert.Throws<DomainException>(() => new LicenseLifecycle(() => LicenseStatus.Active, _ => { }, () => true, name: "Licence C").EnsureMayConsent()).Message);
        // A status that only ignores a trigger as a repeat does not allow it: settled ignores a second settle, yet is not named.
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            new TransferLifecycle(() => TransferStatus.Released, _ => { }, "Transfer T").AdvanceAsync(TransferTrigger.Settle, () => Task.CompletedTask));
        Assert.Equal("Transfer T is released back to its payer; a transfer can be settled only while it is held with its funds reserved.", refusal.Message);
    }

    [Theory]
    [InlineData("FundsInEscrow", "funds in escrow")]
    [InlineData("transferId", "transfer id")]
    [InlineData("KYCStatus", "kyc status")]
    [InlineData("open", "open")]
    public void Identifiers_AreSpelledOutAsWords(string identifier, string words) => Assert.Equal(words, Words.Spell(identifier));

    [Fact]
    public void Lists_ReadAsEnglish()
    {
        Assert.Equal("a", Words.Join(["a"], "or"));
        Assert.Equal("a or b", Words.Join(["a", "b"], "or"));
        Assert.Equal("a, b and c", Words.Join(["a", "b", "c"], "and"));
        Assert.Equal("an offer", Words.WithArticle("offer"));
        Assert.Equal("a licence", Words.WithArticle("licence"));
    }
}
