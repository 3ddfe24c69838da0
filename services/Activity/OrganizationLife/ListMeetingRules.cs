using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>The rules the caller is bound by or administers: the group's, then each subsidiary's, by kind and period.</summary>
public sealed class ListMeetingRules(ActivityDbContext db)
{
    public async Task<C.ListMeetingRulesResponse> HandleAsync(C.ListMeetingRulesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var query = db.MeetingRules.AsNoTracking();
        if (!request.IncludeRetired) query = query.Where(r => !r.Retired);
        if (!caller.IsGroupAdmin) query = query.Where(r => r.SubsidiaryId == null || r.SubsidiaryId == caller.TenantId);
        var rules = (await query.ToListAsync(context.CancellationToken))
            .OrderBy(r => r.SubsidiaryId is not null).ThenBy(r => r.SubsidiaryId).ThenBy(r => r.OrganizationKind).ThenBy(r => r.Period).ThenBy(r => r.NameZh);
        var response = new C.ListMeetingRulesResponse();
        response.Items.AddRange(rules.Select(r => r.ToContract()));
        return response;
    }
}
