using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>The archive: a page of the bulletins the caller sees, newest month first, by scope, month and state.</summary>
public sealed class ListBulletins(BulletinAccess access)
{
    static readonly Dictionary<string, BulletinState> States = new()
    {
        ["draft"] = BulletinState.Draft, ["in-review"] = BulletinState.InReview, ["approved"] = BulletinState.Approved, ["published"] = BulletinState.Published,
    };

    public async Task<C.ListBulletinsResponse> HandleAsync(C.ListBulletinsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        DateOnly month = default;
        if (request.Month.Length > 0 && !BulletinMapping.TryMonth(request.Month, out month)) errors.Add("month", "must be a month as yyyy-MM.");
        if (request.State.Length > 0 && !States.ContainsKey(request.State)) errors.Add("state", $"must be one of: {string.Join(", ", States.Keys)}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var query = await access.VisibleAsync(caller, ct);
        if (request.AllianceId.Length > 0)
        {
            var alliance = Guid.Parse(request.AllianceId);
            query = query.Where(b => b.AllianceId == alliance);
        }
        else if (request.GroupOnly) query = query.Where(b => b.AllianceId == null);
        if (request.Month.Length > 0) query = query.Where(b => b.Month == month);
        if (request.State.Length > 0)
        {
            var state = States[request.State];
            query = query.Where(b => b.State == state);
        }
        var total = await query.CountAsync(ct);
        var items = await query.AsNoTracking().OrderByDescending(b => b.Month).ThenBy(b => b.ScopeName).ThenBy(b => b.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.ListBulletinsResponse { Total = total };
        response.Items.AddRange(items.Select(b => b.ToSummary()));
        return response;
    }
}
