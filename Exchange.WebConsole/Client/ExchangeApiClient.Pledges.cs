namespace Exchange.WebConsole.Client;

// Pledge financing: applications, signatures, the operator's review, repayments, default and enforcement.
public sealed partial class ExchangeApiClient
{
    public Task<Pledge> ApplyForPledgeAsync(PledgeApplicationRequest application, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(ApiRoutes.ApplyForPledge, [], null, application, key, anonymous: false, cancel);

    /// <param name="relation"><c>pledgee</c> or <c>pledgor</c>; null for both.</param>
    /// <param name="status">Only pledges in this status (<c>enforcing</c>); null for any.</param>
    public Task<ListPage> ListPledgesAsync(string? relation, long? after, int limit, string? status = null, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListPledges, [], Query(("as", relation), ("status", status), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<PortfolioPage> PledgePortfolioAsync(long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<PortfolioPage>(ApiRoutes.PledgePortfolio, [], Query(("after", Number(after)), ("limit", Number(limit))), cancel);

    /// <param name="status"><c>applied</c> or <c>underReview</c>.</param>
    public Task<ReviewQueuePage> PledgeReviewQueueAsync(string status, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ReviewQueuePage>(ApiRoutes.PledgeReviewQueue, [], Query(("status", status), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<Pledge> GetPledgeAsync(Guid pledgeId, CancellationToken cancel = default) =>
        GetAsync<Pledge>(ApiRoutes.GetPledge, [pledgeId.ToString()], null, cancel);

    /// <summary>A command on the pledge without a body: signing, review, registration, the default, the sale's approval and payment.</summary>
    public Task<Pledge> ActOnPledgeAsync(ApiRoute action, Guid pledgeId, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(action, [pledgeId.ToString()], null, null, key, anonymous: false, cancel);

    public Task<Pledge> RefusePledgeAsync(Guid pledgeId, string note, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(ApiRoutes.RefusePledge, [pledgeId.ToString()], null, new { note }, key, anonymous: false, cancel);

    /// <param name="early">Principal repaid early (the schedule is recomputed), rather than towards the instalments.</param>
    public Task<Pledge> RepayPledgeLoanAsync(Guid pledgeId, decimal amount, bool early, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(early ? ApiRoutes.RepayPledgeLoanEarly : ApiRoutes.RepayPledgeLoan, [pledgeId.ToString()], null, new { amount }, key, anonymous: false, cancel);

    /// <param name="kind"><c>transfer</c>, <c>license</c> or <c>openLicense</c> (no counterparty).</param>
    /// <param name="proceeds"><c>earlyRepayment</c> or <c>escrow</c>.</param>
    /// <param name="applicationNumber">For a sale: the pledged patent it may sell.</param>
    /// <param name="minimumPrice">For a sale: the least price the bank accepts for it.</param>
    public Task<Pledge> ConsentToCollateralDealAsync(Guid pledgeId, string kind, Guid? counterparty, string proceeds, string? applicationNumber, decimal? minimumPrice,
        CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(ApiRoutes.ConsentToCollateralDeal, [pledgeId.ToString()], null, new { kind, counterparty, proceeds, applicationNumber, minimumPrice }, key, anonymous: false, cancel);

    public Task<Pledge> RecordRepaymentReceivedAsync(Guid pledgeId, decimal amount, string reference, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(ApiRoutes.RecordPledgeRepaymentReceived, [pledgeId.ToString()], null, new { amount, reference }, key, anonymous: false, cancel);

    public Task<Pledge> EnforcePledgeAsync(Guid pledgeId, Guid buyerId, decimal price, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Pledge>(ApiRoutes.EnforcePledge, [pledgeId.ToString()], null, new { buyerId, price }, key, anonymous: false, cancel);
}
