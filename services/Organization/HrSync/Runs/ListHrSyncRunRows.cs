using Alliance.Organization.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Alliance.Organization.HrSync.HrSyncMapping;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Runs;

/// <summary>A run's stored result rows after a row number, in row order (up to 5,000 a page): what results.csv is made of.</summary>
public sealed class ListHrSyncRunRows(OrganizationDbContext db)
{
    const int MaxRowsPage = 5000;

    public async Task<C.ListHrSyncRunRowsResponse> HandleAsync(C.ListHrSyncRunRowsRequest request, ServerCallContext context)
    {
        var run = await HrSyncRuns.FindAsync(db, request.RunId, context, tracked: false);
        var size = request.PageSize <= 0 ? MaxRowsPage : Math.Min(request.PageSize, MaxRowsPage);
        var rows = await db.Set<HrSyncRunRow>().AsNoTracking().Where(r => r.RunId == run.Id && r.RowNumber > request.AfterRowNumber)
            .OrderBy(r => r.RowNumber).Take(size).ToListAsync(context.CancellationToken);
        var response = new C.ListHrSyncRunRowsResponse();
        response.Rows.AddRange(rows.Select(r => Result(r.RowNumber, System.Enum.Parse<HrApplyOutcome>(r.Outcome, true), r.Message, null, null, r.EmployeeNumber, r.ExternalId, r.Name)));
        return response;
    }
}
