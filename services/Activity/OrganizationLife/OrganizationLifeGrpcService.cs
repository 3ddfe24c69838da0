using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>alliance.activity.v1.OrganizationLifeService: each rpc a use case of its own file.</summary>
public sealed class OrganizationLifeGrpcService : C.OrganizationLifeService.OrganizationLifeServiceBase
{
    public override Task<C.ListMeetingRulesResponse> ListMeetingRules(C.ListMeetingRulesRequest request, ServerCallContext context) =>
        Handler<ListMeetingRules>(context).HandleAsync(request, context);

    public override Task<C.MeetingRule> CreateMeetingRule(C.CreateMeetingRuleRequest request, ServerCallContext context) =>
        Handler<CreateMeetingRule>(context).HandleAsync(request, context);

    public override Task<C.MeetingRule> ReviseMeetingRule(C.ReviseMeetingRuleRequest request, ServerCallContext context) =>
        Handler<ReviseMeetingRule>(context).HandleAsync(request, context);

    public override Task<C.MeetingRuleHistory> GetMeetingRuleHistory(C.GetMeetingRuleHistoryRequest request, ServerCallContext context) =>
        Handler<GetMeetingRuleHistory>(context).HandleAsync(request, context);

    public override Task<C.OrganizationBoard> GetOrganizationBoard(C.GetOrganizationBoardRequest request, ServerCallContext context) =>
        Handler<GetOrganizationBoard>(context).HandleAsync(request, context);

    public override Task<C.ListOrganizationBoardsResponse> ListOrganizationBoards(C.ListOrganizationBoardsRequest request, ServerCallContext context) =>
        Handler<ListOrganizationBoards>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<OrganizationLifeAccess>();
        services.AddScoped<Compliance>();
        services.AddScoped<Reminders>();
        services.AddScoped<ListMeetingRules>();
        services.AddScoped<CreateMeetingRule>();
        services.AddScoped<ReviseMeetingRule>();
        services.AddScoped<GetMeetingRuleHistory>();
        services.AddScoped<GetOrganizationBoard>();
        services.AddScoped<ListOrganizationBoards>();
    }
}
