using Exchange.Grains.Common;

namespace Exchange.Grains.Licenses;

/// <summary>
/// Who a licence's payments go to, fixed before the money moves: resolved when the payment is asked for and written
/// with its intent, so that a payment finished after a crash pays (and tells) exactly the recipients it began with.
/// Re-resolving then could name other recipients — a pledge ended meanwhile, a patent sold — and the ledger, which
/// posts each payment once by its id, would refuse the different parts while the money already sat with the first.
/// </summary>
internal sealed partial class LicenseGrain
{
    private const string UpfrontFeeStep = "upfront-fee:";

    private string UpfrontFeePosting => $"{UpfrontFeeStep}{Id:N}";

    /// <summary>The recipients of <paramref name="total"/> under <paramref name="postingId"/>, as they stand now (see <see cref="RoyaltyRecipients"/>).</summary>
    private Task<RoyaltyPayout> ResolvePayoutAsync(string postingId, Money total, IReadOnlyList<decimal>? weights = null) =>
        RoyaltyRecipients.ResolveAsync(GrainFactory, Agreement.ApplicationNumbers, total, State.RoyaltyAssignment, Id, postingId, Now, weights);

    /// <summary>The period's payout: its recipients weighted by what each patent earned in the period.</summary>
    private Task<RoyaltyPayout> ResolveRoyaltyPayoutAsync(RoyaltyInvoice invoice) =>
        ResolvePayoutAsync(Posting(invoice.PeriodIndex), invoice.Royalty + invoice.LateInterest,
            LicensePeriods.EarningWeights(invoice.PeriodStart, invoice.PeriodEnd, Agreement.ApplicationNumbers, State.InvalidatedPatents));

    /// <summary>
    /// The payout written with the payment's intent; an intent written before payouts were kept resolves it now and
    /// writes it before any money moves.
    /// </summary>
    private async Task<RoyaltyPayout> FixedPayoutAsync(string postingId, Func<Task<RoyaltyPayout>> resolve)
    {
        if (State.PendingPayouts.TryGetValue(postingId, out var payout))
        {
            return payout;
        }
        payout = await resolve();
        State.PendingPayouts[postingId] = payout;
        await _runner.CommitAsync();
        return payout;
    }
}
