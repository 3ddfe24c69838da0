using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>One organization's organization life: every rule binding it, in the period containing the day asked for.</summary>
public sealed class GetOrganizationBoard(OrganizationLifeAccess access, Compliance compliance, TimeProvider clock)
{
    public async Task<C.OrganizationBoard> HandleAsync(C.GetOrganizationBoardRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var today = clock.GroupToday();
        var errors = new FieldErrors().Id("organizationId", request.OrganizationId);
        var day = OrganizationLifeMapping.BoardDay(errors, "on", request.On, today);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var organization = await access.FindOrganizationAsync(caller, Guid.Parse(request.OrganizationId), ct);
        var boards = await compliance.OfAsync([organization], r => MeetingPeriod.Containing(r.Period, day), today, ct);
        return boards.Count == 0
            ? new C.OrganizationBoard { OrganizationId = organization.Id.ToString(), Name = organization.Name, SubsidiaryId = organization.SubsidiaryId.ToString(),
                OrganizationKind = organization.Kind?.Name() ?? "", Today = OrganizationLifeMapping.Day(today) }
            : boards[0].ToContract(today);
    }
}
