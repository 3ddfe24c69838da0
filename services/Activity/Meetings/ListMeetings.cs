using Alliance.Activity.Common;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Meetings;

/// <summary>A page of the joint meetings in the caller's sight: by alliance, period and part of the title; newest first by default.</summary>
public sealed class ListMeetings(MeetingAccess access)
{
    public static readonly string[] Sorts = ["starts", "-starts", "title", "-title"];

    public async Task<C.ListMeetingsResponse> HandleAsync(C.ListMeetingsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.From is not null && request.To is not null && request.To.ToDateTimeOffset() <= request.From.ToDateTimeOffset())
            errors.Add("to", "must be after from.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);

        var query = (await access.VisibleMeetingsAsync(caller, ct)).AsNoTracking();
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(m => m.AllianceId == allianceId);
        if (request.From is { } fromTimestamp)
        {
            var from = fromTimestamp.ToDateTimeOffset();
            query = query.Where(m => m.StartsAt >= from);
        }
        if (request.To is { } toTimestamp)
        {
            var to = toTimestamp.ToDateTimeOffset();
            query = query.Where(m => m.StartsAt < to);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(m => EF.Functions.ILike(m.Title, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var ordered = request.Sort switch
        {
            "starts" => query.OrderBy(m => m.StartsAt),
            "title" => query.OrderBy(m => m.Title),
            "-title" => query.OrderByDescending(m => m.Title),
            _ => query.OrderByDescending(m => m.StartsAt),
        };
        var items = await ordered.ThenBy(m => m.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = items.Select(m => m.Id).ToList();
        var counts = await (await access.CountedItemsAsync(caller, ct)).Where(i => ids.Contains(i.MeetingId)).GroupBy(i => i.MeetingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var response = new C.ListMeetingsResponse { Total = total };
        response.Items.AddRange(items.Select(m => MeetingAccess.Shown(caller, m.ToContract(MeetingAccess.MayChange(caller, m), counts.GetValueOrDefault(m.Id)))));
        return response;
    }
}
