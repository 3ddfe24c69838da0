using Alliance.Activity.Projects;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.PracticalProjects;

/// <summary>Practical projects over gRPC; each call is its use case's handler. No method is open to partners (ADR 41).</summary>
public sealed class PracticalProjectGrpcService : C.PracticalProjectService.PracticalProjectServiceBase
{
    public override Task<C.PracticalProject> RegisterPracticalProject(C.RegisterPracticalProjectRequest request, ServerCallContext context) =>
        Handler<RegisterPracticalProject>(context).HandleAsync(request, context);

    public override Task<C.PracticalProject> GetPracticalProject(C.GetPracticalProjectRequest request, ServerCallContext context) =>
        Handler<ReadPracticalProjects>(context).GetAsync(request, context);

    public override Task<C.ListPracticalProjectsResponse> ListPracticalProjects(C.ListPracticalProjectsRequest request, ServerCallContext context) =>
        Handler<ReadPracticalProjects>(context).ListAsync(request, context);

    internal static void AddHandlers(IServiceCollection services)
    {
        services.AddScoped<RegisterPracticalProject>();
        services.AddScoped<ReadPracticalProjects>();
    }
}

internal static class PracticalProjectMapping
{
    public static C.PracticalProject ToContract(this PracticalProject p) => new()
    {
        Id = p.Id.ToString(), AllianceId = p.AllianceId.ToString(), AllianceName = p.AllianceName, MemberUnitId = p.MemberUnitId.ToString(),
        UnitName = p.UnitName, Title = p.Title, Description = p.Description ?? "", BeneficiaryKind = p.BeneficiaryKind, Beneficiaries = p.Beneficiaries,
        BeneficiaryCount = p.BeneficiaryCount, DoneOn = ProjectMapping.Day(p.DoneOn), SubsidiaryId = p.SubsidiaryId.ToString(),
        PublishedAt = Timestamp.FromDateTimeOffset(p.PublishedAt), PublishedBy = p.PublishedBy,
    };

    public static PracticalProjectRegistered Registered(PracticalProject p, DateTimeOffset now) => new(Guid.CreateVersion7(now), p.SubsidiaryId, now,
        p.Id, p.AllianceId, p.MemberUnitId, p.OrganizationId, p.Title, p.BeneficiaryKind, p.BeneficiaryCount, p.DoneOn);
}
