using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>Cooperation agreements over gRPC; each call is its use case's handler. No method is open to partners (ADR 41).</summary>
public sealed class CooperationAgreementGrpcService : C.CooperationAgreementService.CooperationAgreementServiceBase
{
    public override Task<C.CooperationAgreement> CreateAgreement(C.CreateAgreementRequest request, ServerCallContext context) =>
        Handler<CreateAgreement>(context).HandleAsync(request, context);

    public override Task<C.CooperationAgreement> GetAgreement(C.GetAgreementRequest request, ServerCallContext context) =>
        Handler<GetAgreement>(context).HandleAsync(request, context);

    public override Task<C.ListAgreementsResponse> ListAgreements(C.ListAgreementsRequest request, ServerCallContext context) =>
        Handler<ListAgreements>(context).HandleAsync(request, context);

    public override Task<C.CooperationAgreement> ChangeAgreementStatus(C.ChangeAgreementStatusRequest request, ServerCallContext context) =>
        Handler<ChangeAgreementStatus>(context).HandleAsync(request, context);

    public override Task<C.AgreementCounts> CountAgreements(C.CountAgreementsRequest request, ServerCallContext context) =>
        Handler<ListAgreements>(context).CountAsync(request, context);

    public override Task<C.AgreementHistory> GetAgreementHistory(C.GetAgreementHistoryRequest request, ServerCallContext context) =>
        Handler<GetAgreement>(context).HistoryAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<AgreementReading>();
        services.AddScoped<CreateAgreement>();
        services.AddScoped<GetAgreement>();
        services.AddScoped<ListAgreements>();
        services.AddScoped<ChangeAgreementStatus>();
    }
}
