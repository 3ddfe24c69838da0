using Alliance.Activity.Data;
using Alliance.Activity.Projects;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.SharedResults;

/// <summary>
/// Records that a member unit of the result's alliance reused it (when, how), by that unit's subsidiary's administrators
/// and secretaries (the lead's for a unit outside the group); the count goes up by one, with <c>ResultReused</c>. A retry
/// with the same client request id answers the result without a second reuse.
/// </summary>
public sealed class RecordReuse(ActivityDbContext db, JointWorkAccess access, JointWorkFlow flow, TimeProvider clock)
{
    public async Task<C.SharedResult> HandleAsync(C.RecordReuseRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("resultId", request.ResultId).Id("memberUnitId", request.MemberUnitId)
            .Required("how", request.How, ResultReuse.MaxHowLength);
        var reusedOn = Days.Read(errors, "reusedOn", request.ReusedOn, required: true);
        errors.ThrowIfAny();
        caller.EnsureMayPlan("record a reuse");
        var ct = context.CancellationToken;
        var resultId = Guid.Parse(request.ResultId);
        var result = await db.Set<SharedResult>().Include(r => r.Reuses).SingleOrDefaultAsync(r => r.Id == resultId, ct)
            ?? throw JointWorkAccess.NotFound("shared result");
        await access.EnsureSeesAsync(caller, result.SubsidiaryId, result.AllianceId, "shared result", ct);
        await flow.CreateAsync(caller, "record-reuse", request.ClientRequestId, async (by, now) =>
        {
            var alliance = await access.AllianceAsync(caller, result.AllianceId.ToString(), "resultId", ct);
            var unit = JointWorkAccess.UnitActedFor(caller, alliance, request.MemberUnitId, "memberUnitId");
            var reuse = result.RecordReuse(unit, reusedOn!.Value, request.How, clock.GroupToday(), by, now);
            db.Add(reuse);
            db.AddIntegrationEvent(SharedResultMapping.Reused(result, reuse, JointWorkAccess.OwnerOf(unit, alliance), now));
            return reuse.Id;
        }, ct);
        db.ChangeTracker.Clear();
        var answer = await db.Set<SharedResult>().AsNoTracking().Include(r => r.Reuses).SingleAsync(r => r.Id == resultId, ct);
        return answer.ToContract(canRecordReuse: true);
    }
}
