using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>A problem's audit log, newest first, for whoever sees the problem.</summary>
public sealed class GetProblemHistory(ListAccess access, Data.ActivityDbContext db)
{
    public async Task<C.ProblemHistory> HandleAsync(C.GetProblemHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        var changes = await db.Set<ProblemChange>().AsNoTracking().Where(c => c.ProblemId == problem.Id)
            .OrderByDescending(c => c.Version).ToListAsync(context.CancellationToken);
        var history = new C.ProblemHistory();
        history.Changes.AddRange(changes.Select(c => c.ToFieldContract<C.ProblemChange>()));
        return history;
    }
}
