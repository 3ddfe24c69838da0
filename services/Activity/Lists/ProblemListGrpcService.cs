using Alliance.Activity.Bulletins;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>The problem list over gRPC; each call is its use case's handler. Partners post and read for their alliances.</summary>
public sealed class ProblemListGrpcService : C.ProblemListService.ProblemListServiceBase
{
    [PartnerAccess]
    public override Task<C.Problem> PostProblem(C.PostProblemRequest request, ServerCallContext context) =>
        Handler<PostProblem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.Problem> GetProblem(C.GetProblemRequest request, ServerCallContext context) =>
        Handler<GetProblem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListProblemsResponse> ListProblems(C.ListProblemsRequest request, ServerCallContext context) =>
        Handler<ListProblems>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.Problem> ReviseProblem(C.ReviseProblemRequest request, ServerCallContext context) =>
        Handler<ReviseProblem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.Problem> WithdrawProblem(C.WithdrawProblemRequest request, ServerCallContext context) =>
        Handler<WithdrawProblem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ProblemHistory> GetProblemHistory(C.GetProblemHistoryRequest request, ServerCallContext context) =>
        Handler<GetProblemHistory>(context).HandleAsync(request, context);

    /// <summary>The problem and resource lists and matching: their access rules, flows and use cases, and their bulletin section.</summary>
    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<ListAccess>();
        services.AddScoped<ListChangeFlow>();
        services.AddScoped<AllianceGraph>();
        services.AddScoped<MatchCandidates>();
        services.AddScoped<PostProblem>();
        services.AddScoped<GetProblem>();
        services.AddScoped<ListProblems>();
        services.AddScoped<ReviseProblem>();
        services.AddScoped<WithdrawProblem>();
        services.AddScoped<GetProblemHistory>();
        services.AddScoped<OfferResource>();
        services.AddScoped<GetResourceOffer>();
        services.AddScoped<ListResourceOffers>();
        services.AddScoped<ReviseResourceOffer>();
        services.AddScoped<WithdrawResourceOffer>();
        services.AddScoped<GetResourceCatalogue>();
        services.AddScoped<RankMatches>();
        services.AddScoped<ProposeMatch>();
        services.AddScoped<ListMatches>();
        services.AddScoped<AcceptMatch>();
        services.AddScoped<DeclineMatch>();
        services.AddScoped<ResolveMatch>();
        services.AddScoped<IBulletinContentSource, ProblemsResolvedBulletin>();
    }
}
