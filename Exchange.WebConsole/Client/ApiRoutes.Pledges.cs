namespace Exchange.WebConsole.Client;

// The operations of pledge financing: banks, pledging owners, the operator reviewing for the office, a sale's buyer.
public static partial class ApiRoutes
{
    public static readonly ApiRoute ApplyForPledge = new("ApplyForPledge", "POST", "/api/pledges");
    public static readonly ApiRoute ListPledges = new("ListPledges", "GET", "/api/pledges", "as", "status", "after", "limit");
    public static readonly ApiRoute PledgePortfolio = new("PledgePortfolio", "GET", "/api/pledges/portfolio", "status", "after", "limit");
    public static readonly ApiRoute PledgeReviewQueue = new("PledgeReviewQueue", "GET", "/api/pledges/review-queue", "status", "after", "limit");
    public static readonly ApiRoute GetPledge = new("GetPledge", "GET", "/api/pledges/{pledgeId}");
    public static readonly ApiRoute SignPledge = new("SignPledge", "POST", "/api/pledges/{pledgeId}/signature");
    public static readonly ApiRoute StartPledgeReview = new("StartPledgeReview", "POST", "/api/pledges/{pledgeId}/review");
    public static readonly ApiRoute RegisterPledge = new("RegisterPledge", "POST", "/api/pledges/{pledgeId}/registration");
    public static readonly ApiRoute RefusePledge = new("RefusePledge", "POST", "/api/pledges/{pledgeId}/refusal");
    public static readonly ApiRoute RepayPledgeLoan = new("RepayPledgeLoan", "POST", "/api/pledges/{pledgeId}/repayments");
    public static readonly ApiRoute RepayPledgeLoanEarly = new("RepayPledgeLoanEarly", "POST", "/api/pledges/{pledgeId}/early-repayments");
    public static readonly ApiRoute DeclarePledgeDefault = new("DeclarePledgeDefault", "POST", "/api/pledges/{pledgeId}/default");
    public static readonly ApiRoute EnforcePledge = new("EnforcePledge", "POST", "/api/pledges/{pledgeId}/enforcement");
    public static readonly ApiRoute ApprovePledgeSale = new("ApprovePledgeSale", "POST", "/api/pledges/{pledgeId}/enforcement/approval");
    public static readonly ApiRoute PayForPledgeSale = new("PayForPledgeSale", "POST", "/api/pledges/{pledgeId}/enforcement/payment");
    public static readonly ApiRoute ConsentToCollateralDeal = new("ConsentToCollateralDeal", "POST", "/api/pledges/{pledgeId}/consents");
    public static readonly ApiRoute RecordPledgeRepaymentReceived = new("RecordPledgeRepaymentReceived", "POST", "/api/pledges/{pledgeId}/repayments/received");
    public static readonly ApiRoute DrawOnPledgeEscrow = new("DrawOnPledgeEscrow", "POST", "/api/pledges/{pledgeId}/escrow/draws");

    private static IReadOnlyList<ApiRoute> PledgeRoutes =>
        [ApplyForPledge, ListPledges, PledgePortfolio, PledgeReviewQueue, GetPledge, SignPledge, StartPledgeReview, RegisterPledge, RefusePledge, RepayPledgeLoan,
            RepayPledgeLoanEarly, DeclarePledgeDefault, EnforcePledge, ApprovePledgeSale, PayForPledgeSale, ConsentToCollateralDeal, RecordPledgeRepaymentReceived,
            DrawOnPledgeEscrow];
}
