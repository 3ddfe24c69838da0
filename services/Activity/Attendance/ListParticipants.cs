using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Attendance;

/// <summary>A page of an activity's invitations (open ones, or all), in the order made, each with the check-ins it counts.</summary>
public sealed class ListParticipants(ActivityDbContext db, ActivityAccess access)
{
    public async Task<C.ListParticipantsResponse> HandleAsync(C.ListParticipantsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("activityId", request.ActivityId).ThrowIfAny();
        var ct = context.CancellationToken;
        var activity = await access.FindVisibleAsync(caller, Guid.Parse(request.ActivityId), track: false, ct);
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = db.Set<Participant>().AsNoTracking().Where(p => p.ActivityId == activity.Id);
        if (!request.IncludeWithdrawn) query = query.Where(p => p.WithdrawnAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.InvitedAt).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var counts = await AttendanceCounts.OfAsync(db, activity.Id, ct);
        var response = new C.ListParticipantsResponse { Total = total };
        response.Items.AddRange(items.Select(p => p.ToContract(counts.For(p))));
        return response;
    }
}

/// <summary>An activity's check-ins counted by person and by organization, to tell each invitation how many it counts.</summary>
internal sealed record AttendanceCounts(HashSet<Guid> People, Dictionary<Guid, int> ByOrganization, int Total)
{
    public static async Task<AttendanceCounts> OfAsync(ActivityDbContext db, Guid activityId, CancellationToken ct)
    {
        var rows = await db.Set<CheckIn>().AsNoTracking().Where(c => c.ActivityId == activityId)
            .GroupBy(c => c.OrganizationId).Select(g => new { OrganizationId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var people = await db.Set<CheckIn>().AsNoTracking().Where(c => c.ActivityId == activityId && c.PersonId != null)
            .Select(c => c.PersonId!.Value).ToListAsync(ct);
        return new AttendanceCounts([.. people],
            rows.Where(r => r.OrganizationId is not null).ToDictionary(r => r.OrganizationId!.Value, r => r.Count), rows.Sum(r => r.Count));
    }

    public int For(Participant p) => p.Kind == ParticipantKind.Person
        ? People.Contains(p.PersonId!.Value) ? 1 : 0
        : p.OrganizationId is { } o ? ByOrganization.GetValueOrDefault(o) : 0;
}
