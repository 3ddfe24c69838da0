using Alliance.Activity.Data;
using Alliance.Activity.Projects;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.PracticalProjects;

/// <summary>
/// Registers a practical project for a member unit of an alliance and publishes it to the alliance, by the unit's
/// subsidiary's administrators and secretaries (the lead's for a unit outside the group), with <c>PracticalProjectRegistered</c>.
/// </summary>
public sealed class RegisterPracticalProject(ActivityDbContext db, JointWorkAccess access, JointWorkFlow flow, TimeProvider clock)
{
    public async Task<C.PracticalProject> HandleAsync(C.RegisterPracticalProjectRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var d = request.Details;
        var errors = new FieldErrors();
        if (d is null) errors.Add("details", "is required.").ThrowIfAny();
        errors.Id("allianceId", d!.AllianceId).Id("memberUnitId", d.MemberUnitId).Required("title", d.Title, PracticalProject.MaxTitleLength)
            .Optional("description", d.Description, PracticalProject.MaxDescriptionLength)
            .Required("beneficiaries", d.Beneficiaries, PracticalProject.MaxBeneficiariesLength);
        if (!BeneficiaryKinds.IsKnown(d.BeneficiaryKind)) errors.Add("beneficiaryKind", $"must be one of: {string.Join(", ", BeneficiaryKinds.All.Select(k => k.Code))}.");
        if (d.BeneficiaryCount is < 1 or > PracticalProject.MaxBeneficiaryCount) errors.Add("beneficiaryCount", $"must be between 1 and {PracticalProject.MaxBeneficiaryCount}.");
        var doneOn = Days.Read(errors, "doneOn", d.DoneOn, required: true);
        errors.ThrowIfAny();
        caller.EnsureMayPlan("register a practical project");
        var ct = context.CancellationToken;
        PracticalProject? registered = null;
        var id = await flow.CreateAsync(caller, "register-practical-project", request.ClientRequestId, async (by, now) =>
        {
            var alliance = await access.AllianceAsync(caller, d.AllianceId, "allianceId", ct);
            JointWorkAccess.EnsureMayRegisterFor(caller, alliance, "register its practical projects");
            var unit = JointWorkAccess.UnitActedFor(caller, alliance, d.MemberUnitId, "memberUnitId");
            registered = PracticalProject.Register(alliance, unit, d.Title, d.Description, d.BeneficiaryKind, d.Beneficiaries, d.BeneficiaryCount,
                doneOn!.Value, clock.GroupToday(), by, now);
            db.Add(registered);
            db.AddIntegrationEvent(PracticalProjectMapping.Registered(registered, now));
            return registered.Id;
        }, ct);
        if (registered?.Id == id) return registered.ToContract();
        return (await db.Set<PracticalProject>().FindAsync([id], ct))!.ToContract();
    }
}
