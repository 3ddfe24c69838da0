using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Activities;

/// <summary>
/// A page of the activities in the caller's sight: by period (those overlapping [from, to)), alliance, pairing, type,
/// measure, host organization, service center, status and part of the title; sorted by start (default), title or creation.
/// </summary>
public sealed class ListActivities(ActivityDbContext db, ActivityAccess access)
{
    public static readonly string[] Sorts = ["starts", "-starts", "title", "-title", "created", "-created"];

    public async Task<C.ListActivitiesResponse> HandleAsync(C.ListActivitiesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("allianceId", request.AllianceId, required: false).Id("pairingId", request.PairingId, required: false)
            .Id("typeId", request.TypeId, required: false).Id("hostOrganizationId", request.HostOrganizationId, required: false)
            .Id("serviceCenterId", request.ServiceCenterId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.From is not null && request.To is not null && request.To.ToDateTimeOffset() <= request.From.ToDateTimeOffset())
            errors.Add("to", "must be after from.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);

        var query = (await access.VisibleAsync(caller, ct)).AsNoTracking();
        if (request.From is { } fromTimestamp)
        {
            var from = fromTimestamp.ToDateTimeOffset();
            query = query.Where(a => a.EndsAt > from);
        }
        if (request.To is { } toTimestamp)
        {
            var to = toTimestamp.ToDateTimeOffset();
            query = query.Where(a => a.StartsAt < to);
        }
        if (Id(request.AllianceId) is { } allianceId) query = query.Where(a => a.AllianceId == allianceId);
        if (Id(request.PairingId) is { } pairingId) query = query.Where(a => a.PairingId == pairingId);
        if (Id(request.TypeId) is { } typeId) query = query.Where(a => a.TypeId == typeId);
        if (Id(request.ServiceCenterId) is { } centerId) query = query.Where(a => a.ServiceCenterId == centerId);
        if (Id(request.HostOrganizationId) is { } hostId) query = query.Where(a => a.Hosts.Any(h => h.OrganizationId == hostId));
        if (request.Measure.FromContract() is { } measure) query = query.Where(a => a.Measure == measure);
        query = request.Status switch
        {
            C.ActivityStatus.Planned => query.Where(a => a.Status == ActivityStatus.Planned),
            C.ActivityStatus.Held => query.Where(a => a.Status == ActivityStatus.Held),
            C.ActivityStatus.Cancelled => query.Where(a => a.Status == ActivityStatus.Cancelled),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(a => EF.Functions.ILike(a.Title, pattern, "\\"));
        }

        var total = await query.CountAsync(ct);
        IOrderedQueryable<Activity> ordered = request.Sort switch
        {
            "-starts" => query.OrderByDescending(a => a.StartsAt),
            "title" => query.OrderBy(a => a.Title),
            "-title" => query.OrderByDescending(a => a.Title),
            "created" => query.OrderBy(a => a.CreatedAt),
            "-created" => query.OrderByDescending(a => a.CreatedAt),
            _ => query.OrderBy(a => a.StartsAt),
        };
        var items = await ordered.ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Include(a => a.Hosts).AsSplitQuery().ToListAsync(ct);
        var types = await db.ActivityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var response = new C.ListActivitiesResponse { Total = total };
        response.Items.AddRange(items.Select(a => a.ToContract(types.GetValueOrDefault(a.TypeId), ActivityAccess.MayChange(caller, a))));
        return response;
    }

    static Guid? Id(string value) => Guid.TryParse(value, out var id) ? id : null;
}
