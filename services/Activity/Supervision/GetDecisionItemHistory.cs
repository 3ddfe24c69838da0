using Alliance.Activity.Data;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>A decision item's history, newest first: states, colours, progress with its evidence, escalations.</summary>
public sealed class GetDecisionItemHistory(ActivityDbContext db, MeetingAccess access)
{
    public async Task<C.DecisionItemHistory> HandleAsync(C.GetDecisionItemHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var item = await access.FindItemAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var entries = await db.DecisionItemHistory.AsNoTracking().Where(e => e.DecisionItemId == item.Id)
            .OrderByDescending(e => e.Version).ToListAsync(ct);
        var history = new C.DecisionItemHistory();
        history.Entries.AddRange(entries.Select(e => MeetingAccess.Shown(caller, e.ToContract())));
        return history;
    }
}
