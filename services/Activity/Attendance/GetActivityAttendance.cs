using Alliance.Activity.Activities;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// An activity's attendance: people expected by its open invitations against check-ins, the rate, and both by
/// organization (an invited organization, a person's organization, or one only seen in check-ins). A person invited
/// both by name and through their organization is expected once.
/// </summary>
public sealed class GetActivityAttendance(ActivityDbContext db, ActivityAccess access)
{
    public async Task<C.ActivityAttendance> HandleAsync(C.GetActivityAttendanceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        var type = await db.ActivityTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == activity.TypeId, ct);
        var invitations = await db.Set<Participant>().AsNoTracking().Where(p => p.ActivityId == activity.Id && p.WithdrawnAt == null).ToListAsync(ct);
        var checkIns = await db.Set<CheckIn>().AsNoTracking().Where(c => c.ActivityId == activity.Id)
            .GroupBy(c => new { c.OrganizationId, c.OrganizationName }).Select(g => new { g.Key.OrganizationId, g.Key.OrganizationName, Count = g.Count() })
            .ToListAsync(ct);

        // A person invited by name whose organization is invited too is already among its expected members.
        var organizationsInvited = invitations.Where(p => p.Kind != ParticipantKind.Person && p.OrganizationId is not null).Select(p => p.OrganizationId!.Value).ToHashSet();
        invitations = invitations.Where(p => p.Kind != ParticipantKind.Person || p.OrganizationId is null || !organizationsInvited.Contains(p.OrganizationId.Value)).ToList();
        var rows = new Dictionary<string, C.OrganizationAttendance>();
        C.OrganizationAttendance Row(Guid? organizationId, string name)
        {
            var key = organizationId?.ToString() ?? "name:" + name;
            if (rows.TryGetValue(key, out var row)) return row;
            row = new C.OrganizationAttendance { Name = name };
            if (organizationId is { } id) row.OrganizationId = id.ToString();
            return rows[key] = row;
        }
        foreach (var invitation in invitations.OrderBy(p => p.InvitedAt))
            Row(invitation.OrganizationId, invitation.Kind == ParticipantKind.Person && invitation.OrganizationId is null ? "" : invitation.Name).Invited += invitation.ExpectedCount;
        foreach (var group in checkIns) Row(group.OrganizationId, group.OrganizationName).CheckedIn += group.Count;

        var invited = invitations.Sum(p => p.ExpectedCount);
        var checkedIn = checkIns.Sum(c => c.Count);
        var result = new C.ActivityAttendance
        {
            Activity = activity.ToContract(type, ActivityAccess.MayChange(caller, activity)),
            Invited = invited, CheckedIn = checkedIn, Rate = invited == 0 ? 0 : Math.Round((double)checkedIn / invited, 4),
        };
        result.Organizations.AddRange(rows.Values);
        return result;
    }
}
