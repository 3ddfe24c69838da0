using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>The resource list over gRPC; each call is its use case's handler. Partners offer and read for their alliances.</summary>
public sealed class ResourceListGrpcService : C.ResourceListService.ResourceListServiceBase
{
    [PartnerAccess]
    public override Task<C.ResourceOffer> OfferResource(C.OfferResourceRequest request, ServerCallContext context) =>
        Handler<OfferResource>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceOffer> GetResourceOffer(C.GetResourceOfferRequest request, ServerCallContext context) =>
        Handler<GetResourceOffer>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListResourceOffersResponse> ListResourceOffers(C.ListResourceOffersRequest request, ServerCallContext context) =>
        Handler<ListResourceOffers>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceOffer> ReviseResourceOffer(C.ReviseResourceOfferRequest request, ServerCallContext context) =>
        Handler<ReviseResourceOffer>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceOffer> WithdrawResourceOffer(C.WithdrawResourceOfferRequest request, ServerCallContext context) =>
        Handler<WithdrawResourceOffer>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceCatalogue> GetResourceCatalogue(C.GetResourceCatalogueRequest request, ServerCallContext context) =>
        Handler<GetResourceCatalogue>(context).HandleAsync(request, context);
}
