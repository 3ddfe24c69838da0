using Alliance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>The lists the caller sees: built-in first, then by name; paged.</summary>
public sealed class ListLists(DynamicListAccess access)
{
    public async Task<C.ListListsResponse> HandleAsync(C.ListListsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var query = access.VisibleLists(caller).AsNoTracking();
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(l => l.Kind == TalentList.DefinedKind).ThenBy(l => l.NameZh).ThenBy(l => l.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.ListListsResponse { Total = total, Page = page, PageSize = size };
        response.Items.AddRange(items.Select(l => l.ToContract(!l.BuiltIn && DynamicListAccess.MayDefine(caller, l.SubsidiaryId))));
        return response;
    }
}
