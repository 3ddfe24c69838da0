using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>An alliance's "due soon" days (its own, or the group's), for whoever takes part in the alliance.</summary>
public sealed class GetSupervisionSetting(ActivityDbContext db, IOrganizationDirectory directory, SupervisionSettings settings)
{
    public async Task<C.SupervisionSetting> HandleAsync(C.GetSupervisionSettingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("allianceId", request.AllianceId).ThrowIfAny();
        var ct = context.CancellationToken;
        var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
            ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
        var own = await db.Set<AllianceSupervisionSetting>().AsNoTracking().SingleOrDefaultAsync(s => s.AllianceId == alliance.Id, ct);
        return ToContract(alliance, own, settings.GroupDefault, MeetingAccess.MayChangeSettings(caller, alliance));
    }

    internal static C.SupervisionSetting ToContract(AllianceFacts alliance, AllianceSupervisionSetting? own, int groupDefault, bool canChange) => new()
    {
        AllianceId = alliance.Id.ToString(), DueSoonDays = own?.DueSoonDays ?? groupDefault, Own = own is not null,
        GroupDueSoonDays = groupDefault, Version = own?.Version ?? 0, CanChange = canChange,
    };
}
