using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>A list's entries in the caller's sight, filtered and paged, with each unit's counts against the list's limit.</summary>
public sealed class ListEntries(DynamicListAccess access)
{
    static readonly string[] States = ["", ListEntry.Nominated, ListEntry.Reviewed, ListEntry.Listed, ListEntry.Rejected, ListEntry.Removed];

    public async Task<C.ListEntriesResponse> HandleAsync(C.ListEntriesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors().Id("listId", request.ListId).Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (!States.Contains(request.State)) errors.Add("state", "must be nominated, reviewed, listed, rejected or removed.");
        if (request.Sort is not ("" or "nominated" or "name")) errors.Add("sort", "must be nominated or name.");
        errors.ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var list = await access.FindListAsync(caller, Guid.Parse(request.ListId), ct);
        var entries = access.VisibleEntries(caller, list.Id).AsNoTracking();
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiary)) entries = entries.Where(e => e.SubsidiaryId == subsidiary);
        var counts = await entries.Where(e => e.State == ListEntry.Listed || e.State == ListEntry.Nominated || e.State == ListEntry.Reviewed)
            .GroupBy(e => e.SubsidiaryId)
            .Select(g => new { Subsidiary = g.Key, Listed = g.Count(e => e.State == ListEntry.Listed), Pending = g.Count(e => e.State != ListEntry.Listed) })
            .ToListAsync(ct);
        if (request.State.Length > 0) entries = entries.Where(e => e.State == request.State);
        if (request.FlaggedOnly) entries = entries.Where(e => e.LeftInHr || e.NotReevaluated);
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var total = await entries.CountAsync(ct);
        var sorted = request.Sort == "name"
            ? entries.OrderBy(e => e.PersonName).ThenBy(e => e.Id)
            : entries.OrderByDescending(e => e.NominatedAt).ThenBy(e => e.Id);
        var items = await sorted.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.ListEntriesResponse { Total = total, Page = page, PageSize = size };
        response.Items.AddRange(items.Select(e => e.ToContract()));
        response.Units.AddRange(counts.OrderBy(c => c.Subsidiary).Select(c => new C.UnitCount
        {
            SubsidiaryId = c.Subsidiary.ToString(), Listed = c.Listed, Pending = c.Pending, Limit = list.SizeLimitPerUnit ?? 0,
        }));
        return response;
    }
}
