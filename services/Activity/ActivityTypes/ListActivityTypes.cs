using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.ActivityTypes;

/// <summary>The catalogue of activity types, built-in first, then by code; retired ones only when asked for. Everyone reads it.</summary>
public sealed class ListActivityTypes(ActivityDbContext db)
{
    public async Task<C.ListActivityTypesResponse> HandleAsync(C.ListActivityTypesRequest request, ServerCallContext context)
    {
        CallerScope.From(context);
        var query = db.ActivityTypes.AsNoTracking();
        if (!request.IncludeRetired) query = query.Where(t => !t.Retired);
        var types = await query.OrderByDescending(t => t.IsBuiltIn).ThenBy(t => t.Code).ToListAsync(context.CancellationToken);
        var response = new C.ListActivityTypesResponse();
        response.Items.AddRange(types.Select(t => t.ToContract()));
        return response;
    }
}
