using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Dynamic lists over gRPC: each rpc hands its request to its use case.</summary>
public sealed class DynamicListGrpcService : C.DynamicListService.DynamicListServiceBase
{
    public static void AddHandlers(IServiceCollection services) => services
        .AddScoped<DynamicListAccess>().AddScoped<EntryChangeFlow>()
        .AddScoped<DefineList>().AddScoped<ListLists>().AddScoped<GetList>().AddScoped<Nominate>().AddScoped<ListEntries>()
        .AddScoped<ReviewEntry>().AddScoped<PlaceOnList>().AddScoped<RejectEntry>().AddScoped<RemoveEntry>().AddScoped<ConfirmEntry>()
        .AddScoped<GetEntryHistory>().AddScoped<OpenReevaluation>().AddScoped<CloseReevaluation>().AddScoped<ListReevaluations>();

    public override Task<C.TalentList> DefineList(C.DefineListRequest request, ServerCallContext context) => Handler<DefineList>(context).HandleAsync(request, context);
    public override Task<C.ListListsResponse> ListLists(C.ListListsRequest request, ServerCallContext context) => Handler<ListLists>(context).HandleAsync(request, context);
    public override Task<C.TalentList> GetList(C.GetListRequest request, ServerCallContext context) => Handler<GetList>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> Nominate(C.NominateRequest request, ServerCallContext context) => Handler<Nominate>(context).HandleAsync(request, context);
    public override Task<C.ListEntriesResponse> ListEntries(C.ListEntriesRequest request, ServerCallContext context) => Handler<ListEntries>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> ReviewEntry(C.EntryDecisionRequest request, ServerCallContext context) => Handler<ReviewEntry>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> PlaceOnList(C.EntryDecisionRequest request, ServerCallContext context) => Handler<PlaceOnList>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> RejectEntry(C.EntryDecisionRequest request, ServerCallContext context) => Handler<RejectEntry>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> RemoveEntry(C.EntryDecisionRequest request, ServerCallContext context) => Handler<RemoveEntry>(context).HandleAsync(request, context);
    public override Task<C.ListEntry> ConfirmEntry(C.EntryDecisionRequest request, ServerCallContext context) => Handler<ConfirmEntry>(context).HandleAsync(request, context);
    public override Task<C.EntryHistory> GetEntryHistory(C.GetEntryHistoryRequest request, ServerCallContext context) => Handler<GetEntryHistory>(context).HandleAsync(request, context);
    public override Task<C.Reevaluation> OpenReevaluation(C.OpenReevaluationRequest request, ServerCallContext context) => Handler<OpenReevaluation>(context).HandleAsync(request, context);
    public override Task<C.Reevaluation> CloseReevaluation(C.CloseReevaluationRequest request, ServerCallContext context) => Handler<CloseReevaluation>(context).HandleAsync(request, context);
    public override Task<C.ListReevaluationsResponse> ListReevaluations(C.ListReevaluationsRequest request, ServerCallContext context) => Handler<ListReevaluations>(context).HandleAsync(request, context);
}
