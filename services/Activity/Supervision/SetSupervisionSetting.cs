using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>
/// Sets an alliance's own "due soon" days, or clears it back to the group's. Colours follow on the next read; the sweep
/// records the changes in the items' history.
/// </summary>
public sealed class SetSupervisionSetting(ActivityDbContext db, IOrganizationDirectory directory, SupervisionSettings settings, TimeProvider clock)
{
    public async Task<C.SupervisionSetting> HandleAsync(C.SetSupervisionSettingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId);
        if (!request.Clear && request.DueSoonDays is < 0 or > AllianceSupervisionSetting.MaxDueSoonDays)
            errors.Add("dueSoonDays", $"must be from 0 to {AllianceSupervisionSetting.MaxDueSoonDays}.");
        errors.ThrowIfAny();
        caller.EnsureMayPlan("change an alliance's supervision setting");
        var ct = context.CancellationToken;
        var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
            ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
        MeetingAccess.EnsureMayChangeSettings(caller, alliance);
        var own = await db.Set<AllianceSupervisionSetting>().SingleOrDefaultAsync(s => s.AllianceId == alliance.Id, ct);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, own?.Version ?? 0, "supervision setting");
        if (request.Clear)
        {
            if (own is not null) db.Remove(own);
            own = null;
        }
        else
        {
            if (own is null) db.Add(own = AllianceSupervisionSetting.For(alliance.Id));
            own.Set(request.DueSoonDays, caller.UserId ?? "unknown", clock.GetUtcNow());
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ClientRequests.IsViolation(ex, Npgsql.PostgresErrorCodes.UniqueViolation))
        {
            throw Requests.Stale("supervision setting");
        }
        return GetSupervisionSetting.ToContract(alliance, own, settings.GroupDefault, canChange: true);
    }
}
