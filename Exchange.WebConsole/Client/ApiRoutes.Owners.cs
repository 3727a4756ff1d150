namespace Exchange.WebConsole.Client;

// The operations of patent owners and operating agencies: registration, fees, mandates, listings, offers (and the licence an accepted one agreed), transfers.
public static partial class ApiRoutes
{
    public static readonly ApiRoute CheckApplicationNumber = new("CheckApplicationNumber", "GET", "/api/application-numbers/check", "number");
    public static readonly ApiRoute RegisterPatent = new("RegisterPatent", "POST", "/api/patents");
    public static readonly ApiRoute ConfirmPatentOwnership = new("ConfirmPatentOwnership", "POST", "/api/patents/{applicationNumber}/ownership-confirmation");
    public static readonly ApiRoute GetNextAnnualFee = new("GetNextAnnualFee", "GET", "/api/patents/{applicationNumber}/annual-fees/next");
    public static readonly ApiRoute PayAnnualFee = new("PayAnnualFee", "POST", "/api/patents/{applicationNumber}/annual-fees");
    public static readonly ApiRoute GrantMandate = new("GrantMandate", "POST", "/api/patents/{applicationNumber}/mandates");
    public static readonly ApiRoute CreateListing = new("CreateListing", "POST", "/api/listings");
    public static readonly ApiRoute GetListing = new("GetListing", "GET", "/api/listings/{listingId}");
    public static readonly ApiRoute MakeOffer = new("MakeOffer", "POST", "/api/listings/{listingId}/offers");
    public static readonly ApiRoute CounterOffer = new("CounterOffer", "POST", "/api/listings/{listingId}/offers/{offerId}/counter");
    public static readonly ApiRoute AcceptOffer = new("AcceptOffer", "POST", "/api/listings/{listingId}/offers/{offerId}/accept");
    public static readonly ApiRoute RejectOffer = new("RejectOffer", "POST", "/api/listings/{listingId}/offers/{offerId}/reject");
    public static readonly ApiRoute WithdrawOffer = new("WithdrawOffer", "POST", "/api/listings/{listingId}/offers/{offerId}/withdraw");
    public static readonly ApiRoute CreateLicense = new("CreateLicense", "POST", "/api/licenses");
    public static readonly ApiRoute ListMyListings = new("ListMyListings", "GET", "/api/me/listings", "as", "status", "after", "limit");
    public static readonly ApiRoute ListPatentTransfers = new("ListPatentTransfers", "GET", "/api/patent-transfers", "as", "status", "after", "limit");
    public static readonly ApiRoute GetPatentTransfer = new("GetPatentTransfer", "GET", "/api/patent-transfers/{transferId}");
    public static readonly ApiRoute ConsentToPatentTransfer = new("ConsentToPatentTransfer", "POST", "/api/patent-transfers/{transferId}/consent");
    public static readonly ApiRoute EscrowPatentTransferFunds = new("EscrowPatentTransferFunds", "POST", "/api/patent-transfers/{transferId}/escrow");
    public static readonly ApiRoute CancelPatentTransfer = new("CancelPatentTransfer", "POST", "/api/patent-transfers/{transferId}/cancel");

    private static IReadOnlyList<ApiRoute> OwnerRoutes =>
        [CheckApplicationNumber, RegisterPatent, ConfirmPatentOwnership, GetNextAnnualFee, PayAnnualFee, GrantMandate, CreateListing, GetListing, MakeOffer, CounterOffer, AcceptOffer, RejectOffer,
            WithdrawOffer, CreateLicense, ListMyListings, ListPatentTransfers, GetPatentTransfer, ConsentToPatentTransfer, EscrowPatentTransferFunds, CancelPatentTransfer];
}
