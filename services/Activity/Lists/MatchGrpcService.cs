using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Matching over gRPC; each call is its use case's handler. Partners match for their own unit's problems and offers.</summary>
public sealed class MatchGrpcService : C.MatchService.MatchServiceBase
{
    [PartnerAccess]
    public override Task<C.RankedMatches> RankMatches(C.RankMatchesRequest request, ServerCallContext context) =>
        Handler<RankMatches>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceMatch> ProposeMatch(C.ProposeMatchRequest request, ServerCallContext context) =>
        Handler<ProposeMatch>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListMatchesResponse> ListMatches(C.ListMatchesRequest request, ServerCallContext context) =>
        Handler<ListMatches>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceMatch> AcceptMatch(C.DecideMatchRequest request, ServerCallContext context) =>
        Handler<AcceptMatch>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceMatch> DeclineMatch(C.DecideMatchRequest request, ServerCallContext context) =>
        Handler<DeclineMatch>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ResourceMatch> ResolveMatch(C.ResolveMatchRequest request, ServerCallContext context) =>
        Handler<ResolveMatch>(context).HandleAsync(request, context);
}
