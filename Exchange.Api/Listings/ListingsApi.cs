using Exchange.Api.Infrastructure;
using Exchange.Grains.Common;
using Exchange.Grains.Listings;
using Exchange.Grains.Participants;
using Exchange.Grains.Patents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Exchange.Api.Listings;

public static class ListingsApi
{
    public static void MapListingsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/patents/{applicationNumber}/mandates", GrantMandate).WithTags("Listings").RequireAuthorization()
            .WithName("GrantMandate").WithSummary("An owner mandates an operating agency to list and broker the patent.")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.PatentNotFound, DomainErrors.ParticipantNotFound, DomainErrors.InvalidPatentTransition);

        var group = routes.MapGroup("/api/listings").WithTags("Listings").RequireAuthorization();
        group.MapPost("/", Create).WithName("CreateListing").WithSummary("List mandated patents for sale and/or licence (an operating agency), or a defaulted pledge's collateral for sale in its enforcement (its pledgee).")
            .Refuses(DomainErrors.InvalidApplicationNumber, DomainErrors.InvalidAmount, DomainErrors.PatentNotFound, DomainErrors.MandateMissing, DomainErrors.PledgeNotFound, DomainErrors.InvalidTransition, DomainErrors.PatentNotInForce, DomainErrors.RegistrationUnconfirmed, DomainErrors.PatentTransferPending, DomainErrors.LicenseConsentsPending, DomainErrors.InvalidPatentTransition);
        group.MapGet("/{listingId:guid}", Get).WithName("GetListing").WithSummary("A listing; offers are shown to the selling side, staff, and each to its own bidder.")
            .Refuses(DomainErrors.ListingNotFound);
        group.MapPost("/{listingId:guid}/withdraw", Withdraw).WithName("WithdrawListing").WithSummary("Withdraw the listing (its agency).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{listingId:guid}/offers", MakeOffer).WithName("MakeOffer").WithSummary("Offer to buy or to take a licence (anyone not on the selling side).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.InvalidAmount, DomainErrors.OfferMismatch, DomainErrors.TooManyOffers, DomainErrors.InvalidTransition, DomainErrors.KycNotVerified);
        group.MapPost("/{listingId:guid}/offers/{offerId:guid}/counter", Counter).WithName("CounterOffer").WithSummary("Counter an offer (the listing agency).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.OfferNotFound, DomainErrors.InvalidAmount, DomainErrors.OfferMismatch, DomainErrors.InvalidTransition);
        group.MapPost("/{listingId:guid}/offers/{offerId:guid}/accept", Accept).WithName("AcceptOffer").WithSummary("Accept an offer (the agency) or a counter-offer (the bidder).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.OfferNotFound, DomainErrors.InvalidTransition, DomainErrors.MandateMissing, DomainErrors.PatentNotInForce, DomainErrors.RegistrationUnconfirmed, DomainErrors.PatentTransferPending, DomainErrors.LicenseConsentsPending, DomainErrors.InvalidPatentTransition, DomainErrors.KycNotVerified, DomainErrors.PatentPledged, DomainErrors.PatentUnderPreservation, DomainErrors.PledgeNotFound);
        group.MapPost("/{listingId:guid}/offers/{offerId:guid}/reject", Reject).WithName("RejectOffer").WithSummary("Reject an offer (the agency) or decline a counter-offer (the bidder).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.OfferNotFound, DomainErrors.InvalidTransition);
        group.MapPost("/{listingId:guid}/offers/{offerId:guid}/withdraw", WithdrawOffer).WithName("WithdrawOffer").WithSummary("Withdraw an offer (its bidder).")
            .Refuses(DomainErrors.ListingNotFound, DomainErrors.OfferNotFound, DomainErrors.InvalidTransition);
    }

    public static async Task<Ok<Patents.PatentResponse>> GrantMandate([Patents.ApplicationNumberText] string applicationNumber, GrantMandateRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        var number = ApplicationNumber.Parse(applicationNumber);
        var patent = await cluster.GetGrain<IPatentGrain>(number.ToString()).GrantMandate(command.Caller.ParticipantId, request.AgencyId, request.ValidUntil, command.Caller.Actor);
        return TypedResults.Ok(Patents.PatentResponse.From(patent));
    }

    public static async Task<Created<ListingResponse>> Create(CreateListingRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        command.Caller.RequireRole(request.EnforcesPledge is null ? ParticipantRoles.Agency : ParticipantRoles.Pledgee,
            request.EnforcesPledge is null ? "list patents" : "list a pledge's collateral in its enforcement");
        if ((request.ApplicationNumbers ?? []).Any(n => n is null) || request.LicenseTerms is { } t && ((t.Territories ?? []).Any(x => x is null) || (t.Fields ?? []).Any(x => x is null)))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Lists in a listing have no null entries.", "applicationNumbers");
        }
        var listing = await cluster.GetGrain<IListingGrain>(command.DeriveId("listing")).Create(
            new CreateListing(request.ApplicationNumbers ?? [], request.SalePrice is { } price ? Money.FromYuan(price) : null, request.LicenseTerms?.ToDomain(), request.ExpiresOn, request.EnforcesPledge),
            command.Caller.Actor);
        return TypedResults.Created($"/api/listings/{listing.ListingId}", ListingResponse.From(listing, command.Caller));
    }

    public static async Task<Ok<ListingResponse>> Get(Guid listingId, HttpContext http, IClusterClient cluster) =>
        TypedResults.Ok(ListingResponse.From(await Find(cluster, listingId), Caller.From(http.User)));

    public static async Task<Ok<ListingResponse>> Withdraw(Guid listingId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        return TypedResults.Ok(ListingResponse.From(await cluster.GetGrain<IListingGrain>(listingId).Withdraw(command.Caller.Actor), command.Caller));
    }

    public static async Task<Created<OfferResponse>> MakeOffer(Guid listingId, MakeOfferRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        var offer = await cluster.GetGrain<IListingGrain>(listingId).MakeOffer(command.DeriveId("offer"),
            new MakeOffer(request.Kind, request.Price is { } price ? Money.FromYuan(price) : null, request.LicenseTerms?.ToDomain(), request.ExpiresOn), command.Caller.Actor);
        return TypedResults.Created($"/api/listings/{listingId}", OfferResponse.From(offer));
    }

    public static async Task<Ok<OfferResponse>> Counter(Guid listingId, Guid offerId, CounterOfferRequest request, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        var offer = await cluster.GetGrain<IListingGrain>(listingId).Counter(offerId, request.Price is { } price ? Money.FromYuan(price) : null,
            request.LicenseTerms?.ToDomain(), command.Caller.Actor);
        return TypedResults.Ok(OfferResponse.From(offer));
    }

    public static async Task<Ok<ListingResponse>> Accept(Guid listingId, Guid offerId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        return TypedResults.Ok(ListingResponse.From(await cluster.GetGrain<IListingGrain>(listingId).Accept(offerId, command.Caller.Actor), command.Caller));
    }

    public static async Task<Ok<OfferResponse>> Reject(Guid listingId, Guid offerId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        return TypedResults.Ok(OfferResponse.From(await cluster.GetGrain<IListingGrain>(listingId).Reject(offerId, command.Caller.Actor)));
    }

    public static async Task<Ok<OfferResponse>> WithdrawOffer(Guid listingId, Guid offerId, HttpContext http, IClusterClient cluster)
    {
        var command = CommandContext.From(http);
        await Find(cluster, listingId);
        return TypedResults.Ok(OfferResponse.From(await cluster.GetGrain<IListingGrain>(listingId).WithdrawOffer(offerId, command.Caller.Actor)));
    }

    private static async Task<ListingSnapshot> Find(IClusterClient cluster, Guid listingId) =>
        await cluster.GetGrain<IListingGrain>(listingId).TryGet()
        ?? throw new DomainException(DomainErrors.ListingNotFound, $"Listing {listingId} does not exist.");
}
