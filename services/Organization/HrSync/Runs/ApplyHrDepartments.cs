using Grpc.Core;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>Departments: HR groups upserted by code (externalId), else by name; members are left as they are.</summary>
public sealed class ApplyHrDepartments(HrApplyPath path)
{
    public async Task<C.ApplyHrEmployeesResponse> HandleAsync(C.ApplyHrDepartmentsRequest request, ServerCallContext context)
    {
        var (subsidiaryId, runId) = await path.BatchAsync(request.SubsidiaryId, request.SyncRunId, request.DryRun, request.Records.Count, context);
        return await path.ApplyDepartmentsAsync(subsidiaryId, runId, request.DryRun, request.Records, context);
    }
}
