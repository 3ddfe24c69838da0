using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>A bulletin's audit log, oldest first: generated, revised, submitted, approved or returned, published.</summary>
public sealed class GetBulletinHistory(ActivityDbContext db, BulletinAccess access)
{
    public async Task<C.BulletinHistory> HandleAsync(C.GetBulletinRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var bulletin = await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        var entries = await db.BulletinChanges.AsNoTracking().Where(c => c.BulletinId == bulletin.Id).OrderBy(c => c.Version).ToListAsync(context.CancellationToken);
        var history = new C.BulletinHistory();
        history.Changes.AddRange(entries.Select(e => e.ToFieldContract<C.BulletinChange>()));
        return history;
    }
}
