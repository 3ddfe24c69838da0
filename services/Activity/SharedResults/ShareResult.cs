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

/// <summary>Publishes a member unit's result to its alliance, by the unit's subsidiary (the lead's for a unit outside the group), with <c>ResultShared</c>.</summary>
public sealed class ShareResult(ActivityDbContext db, JointWorkAccess access, JointWorkFlow flow, TimeProvider clock)
{
    public async Task<C.SharedResult> HandleAsync(C.ShareResultRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var d = request.Details;
        var errors = new FieldErrors();
        if (d is null) errors.Add("details", "is required.").ThrowIfAny();
        errors.Id("allianceId", d!.AllianceId).Id("memberUnitId", d.MemberUnitId).Required("title", d.Title, SharedResult.MaxTitleLength)
            .Optional("description", d.Description, SharedResult.MaxDescriptionLength);
        if (!ResultKinds.IsKnown(d.Kind)) errors.Add("kind", $"must be one of: {string.Join(", ", ResultKinds.All.Select(k => k.Code))}.");
        var sharedOn = Days.Read(errors, "sharedOn", d.SharedOn, required: false);
        errors.ThrowIfAny();
        caller.EnsureMayPlan("share a result");
        var ct = context.CancellationToken;
        var id = await flow.CreateAsync(caller, "share-result", request.ClientRequestId, async (by, now) =>
        {
            var alliance = await access.AllianceAsync(caller, d.AllianceId, "allianceId", ct);
            JointWorkAccess.EnsureMayRegisterFor(caller, alliance, "share results with it");
            var unit = JointWorkAccess.UnitActedFor(caller, alliance, d.MemberUnitId, "memberUnitId");
            var today = clock.GroupToday();
            var result = SharedResult.Share(alliance, unit, d.Kind, d.Title, d.Description, sharedOn ?? today, today, by, now);
            db.Add(result);
            db.AddIntegrationEvent(SharedResultMapping.Shared(result, now));
            return result.Id;
        }, ct);
        var shared = await db.Set<SharedResult>().AsNoTracking().Include(r => r.Reuses).SingleAsync(r => r.Id == id, ct);
        return shared.ToContract(canRecordReuse: caller.MayPlan());
    }
}
