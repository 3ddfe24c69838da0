using Alliance.Contracts.Organization.V1;
using Grpc.Core;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;

namespace Alliance.Organization.Organizations;

/// <summary>
/// alliance.organization.v1.OrganizationService, the party organization tree: its records, and its effective-dated changes
/// and history. Each rpc a use case of its own file.
/// </summary>
public sealed class OrganizationGrpcService : OrganizationService.OrganizationServiceBase
{
    public override Task<ContractOrganization> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context) =>
        Handler<CreateOrganization>(context).HandleAsync(request, context);

    public override Task<ContractOrganization> GetOrganization(GetOrganizationRequest request, ServerCallContext context) =>
        Handler<GetOrganization>(context).HandleAsync(request, context);

    public override Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context) =>
        Handler<ListOrganizations>(context).HandleAsync(request, context);

    public override Task<ContractOrganization> MoveOrganization(MoveOrganizationRequest request, ServerCallContext context) =>
        Handler<MoveOrganization>(context).HandleAsync(request, context);

    public override Task<ContractOrganization> RenameOrganization(RenameOrganizationRequest request, ServerCallContext context) =>
        Handler<RenameOrganization>(context).HandleAsync(request, context);

    public override Task<ContractOrganization> MergeOrganization(MergeOrganizationRequest request, ServerCallContext context) =>
        Handler<MergeOrganization>(context).HandleAsync(request, context);

    public override Task<ContractOrganization> DissolveOrganization(DissolveOrganizationRequest request, ServerCallContext context) =>
        Handler<DissolveOrganization>(context).HandleAsync(request, context);

    public override Task<OrganizationHistory> GetOrganizationHistory(GetOrganizationHistoryRequest request, ServerCallContext context) =>
        Handler<GetOrganizationHistory>(context).HandleAsync(request, context);

    public override Task<OrganizationPath> GetOrganizationPath(GetOrganizationPathRequest request, ServerCallContext context) =>
        Handler<GetOrganizationPath>(context).HandleAsync(request, context);

    public override Task<SubtreeCounts> GetSubtreeCounts(GetSubtreeCountsRequest request, ServerCallContext context) =>
        Handler<GetSubtreeCounts>(context).HandleAsync(request, context);

    public override Task<ListOrganizationsResponse> GetTreeAsOf(GetTreeAsOfRequest request, ServerCallContext context) =>
        Handler<GetTreeAsOf>(context).HandleAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<PartyTree>();
        services.AddScoped<CreateOrganization>();
        services.AddScoped<GetOrganization>();
        services.AddScoped<ListOrganizations>();
        services.AddScoped<MoveOrganization>();
        services.AddScoped<RenameOrganization>();
        services.AddScoped<MergeOrganization>();
        services.AddScoped<DissolveOrganization>();
        services.AddScoped<GetOrganizationHistory>();
        services.AddScoped<GetOrganizationPath>();
        services.AddScoped<GetSubtreeCounts>();
        services.AddScoped<GetTreeAsOf>();
    }
}
