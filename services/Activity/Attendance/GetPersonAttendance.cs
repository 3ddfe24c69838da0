using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>
/// A person's attendance history (the person asked of the organization service as the caller): the activities in the
/// caller's sight they were invited to by name or checked in at, latest first, a page at a time.
/// </summary>
public sealed class GetPersonAttendance(ActivityDbContext db, ActivityAccess access, IOrganizationDirectory directory)
{
    public async Task<C.PersonAttendance> HandleAsync(C.GetPersonAttendanceRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("personId", request.PersonId).ThrowIfAny();
        var ct = context.CancellationToken;
        var person = await directory.FindPersonAsync(caller, Guid.Parse(request.PersonId), ct)
            ?? throw FieldErrors.Single("personId", "No person with that id that you may see.", StatusCode.NotFound);
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var participants = db.Set<Participant>();
        var checkIns = db.Set<CheckIn>();
        var query = (await access.VisibleAsync(caller, ct)).AsNoTracking().Where(a =>
            participants.Any(p => p.ActivityId == a.Id && p.PersonId == person.Id && p.WithdrawnAt == null)
            || checkIns.Any(c => c.ActivityId == a.Id && c.PersonId == person.Id));
        var total = await query.CountAsync(ct);
        var attended = await query.CountAsync(a => checkIns.Any(c => c.ActivityId == a.Id && c.PersonId == person.Id), ct);
        var activities = await query.OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(a => a.Hosts).AsSplitQuery().ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var theirCheckIns = await checkIns.AsNoTracking().Where(c => ids.Contains(c.ActivityId) && c.PersonId == person.Id).ToDictionaryAsync(c => c.ActivityId, ct);
        var invitedTo = (await participants.AsNoTracking().Where(p => ids.Contains(p.ActivityId) && p.PersonId == person.Id && p.WithdrawnAt == null)
            .Select(p => p.ActivityId).ToListAsync(ct)).ToHashSet();
        var types = await db.ActivityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);

        var result = new C.PersonAttendance { PersonId = person.Id.ToString(), Name = person.Name, Total = total, Attended = attended };
        result.Items.AddRange(activities.Select(a =>
        {
            var entry = new C.PersonAttendanceEntry { Activity = a.ToContract(types.GetValueOrDefault(a.TypeId), ActivityAccess.MayChange(caller, a)), Invited = invitedTo.Contains(a.Id) };
            if (theirCheckIns.TryGetValue(a.Id, out var checkIn)) entry.CheckIn = checkIn.ToContract();
            return entry;
        }));
        return result;
    }
}
