using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>A rule's audit log, oldest first, for whoever may see the rule.</summary>
public sealed class GetMeetingRuleHistory(ActivityDbContext db)
{
    public async Task<C.MeetingRuleHistory> HandleAsync(C.GetMeetingRuleHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var rule = await db.MeetingRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null || !OrganizationLifeAccess.MaySeeRule(caller, rule))
            throw new RpcException(new Status(StatusCode.NotFound, "The meeting rule was not found."));
        var changes = await db.MeetingRuleChanges.AsNoTracking().Where(c => c.RuleId == id).OrderBy(c => c.Version).ToListAsync(ct);
        var history = new C.MeetingRuleHistory();
        history.Changes.AddRange(changes.Select(c =>
        {
            var change = c.ToContract<C.MeetingRuleChange>();
            change.RuleJson = c.Rule;
            return change;
        }));
        return history;
    }
}
