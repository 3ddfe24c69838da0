using Alliance.Organization.Data;
using Grpc.Core;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>
/// A batch of employee records, in one transaction with a savepoint per record: a bad record is reported (outcome
/// "error") and the others apply. A dry run rolls the whole transaction back, so it writes nothing.
/// </summary>
public sealed class ApplyHrEmployees(OrganizationDbContext db, TimeProvider clock, HrApplyPath path)
{
    public async Task<C.ApplyHrEmployeesResponse> HandleAsync(C.ApplyHrEmployeesRequest request, ServerCallContext context)
    {
        var (subsidiaryId, runId) = await path.BatchAsync(request.SubsidiaryId, request.SyncRunId, request.DryRun, request.Records.Count, context);
        return await path.ApplyBatchAsync(subsidiaryId, runId, request.DryRun, request.Records,
            path.ApplyEmployee(subsidiaryId, runId, [], new HrEmployeeSync(db, clock)), HrApplyPath.FailedEmployee, context);
    }
}
