using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>Decision items and their supervision over gRPC; each call is its use case's handler.</summary>
public sealed class DecisionItemGrpcService : C.DecisionItemService.DecisionItemServiceBase
{
    public override Task<C.DecisionItem> RecordDecisionItem(C.RecordDecisionItemRequest request, ServerCallContext context) =>
        Handler<RecordDecisionItem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.DecisionItem> GetDecisionItem(C.GetDecisionItemRequest request, ServerCallContext context) =>
        Handler<GetDecisionItem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.ListDecisionItemsResponse> ListDecisionItems(C.ListDecisionItemsRequest request, ServerCallContext context) =>
        Handler<ListDecisionItems>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.DecisionItem> RecordProgress(C.RecordProgressRequest request, ServerCallContext context) =>
        Handler<RecordProgress>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.DecisionItem> ClaimDone(C.ClaimDoneRequest request, ServerCallContext context) =>
        Handler<ClaimDone>(context).HandleAsync(request, context);

    public override Task<C.DecisionItem> VerifyDecisionItem(C.VerifyDecisionItemRequest request, ServerCallContext context) =>
        Handler<VerifyDecisionItem>(context).HandleAsync(request, context);

    public override Task<C.DecisionItem> RejectDecisionItem(C.RejectDecisionItemRequest request, ServerCallContext context) =>
        Handler<RejectDecisionItem>(context).HandleAsync(request, context);

    public override Task<C.DecisionItem> CancelDecisionItem(C.CancelDecisionItemRequest request, ServerCallContext context) =>
        Handler<CancelDecisionItem>(context).HandleAsync(request, context);

    [PartnerAccess]
    public override Task<C.DecisionItemHistory> GetDecisionItemHistory(C.GetDecisionItemHistoryRequest request, ServerCallContext context) =>
        Handler<GetDecisionItemHistory>(context).HandleAsync(request, context);

    public override Task<C.SupervisionSetting> GetSupervisionSetting(C.GetSupervisionSettingRequest request, ServerCallContext context) =>
        Handler<GetSupervisionSetting>(context).HandleAsync(request, context);

    public override Task<C.SupervisionSetting> SetSupervisionSetting(C.SetSupervisionSettingRequest request, ServerCallContext context) =>
        Handler<SetSupervisionSetting>(context).HandleAsync(request, context);

    internal static void AddHandlers(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SupervisionOptions>(builder.Configuration.GetSection("Supervision"));
        services.AddScoped<SupervisionSettings>();
        services.AddScoped<DecisionItemChangeFlow>();
        services.AddScoped<GetSupervisionSetting>();
        services.AddScoped<SetSupervisionSetting>();
        services.AddScoped<RecordDecisionItem>();
        services.AddScoped<GetDecisionItem>();
        services.AddScoped<ListDecisionItems>();
        services.AddScoped<RecordProgress>();
        services.AddScoped<ClaimDone>();
        services.AddScoped<VerifyDecisionItem>();
        services.AddScoped<RejectDecisionItem>();
        services.AddScoped<CancelDecisionItem>();
        services.AddScoped<GetDecisionItemHistory>();
        services.AddScoped<SupervisionSweep>();
        services.AddHostedService<SupervisionSweepService>();
    }
}
