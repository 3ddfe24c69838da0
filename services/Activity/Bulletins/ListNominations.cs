using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>A page of the nominations the caller sees, newest first, by alliance, month and state.</summary>
public sealed class ListNominations(BulletinAccess access)
{
    public async Task<C.ListNominationsResponse> HandleAsync(C.ListNominationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        DateOnly month = default;
        if (request.Month.Length > 0 && !BulletinMapping.TryMonth(request.Month, out month)) errors.Add("month", "must be a month as yyyy-MM.");
        NominationState? state = request.State switch { "" => null, "proposed" => NominationState.Proposed, "accepted" => NominationState.Accepted, "rejected" => NominationState.Rejected, _ => (NominationState)(-1) };
        if (state == (NominationState)(-1)) errors.Add("state", "must be one of: proposed, accepted, rejected.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var query = await access.VisibleNominationsAsync(caller, ct);
        if (request.AllianceId.Length > 0)
        {
            var alliance = Guid.Parse(request.AllianceId);
            query = query.Where(n => n.AllianceId == alliance);
        }
        if (request.Month.Length > 0) query = query.Where(n => n.Month == month);
        if (state is { } s) query = query.Where(n => n.State == s);
        var total = await query.CountAsync(ct);
        var items = await query.AsNoTracking().OrderByDescending(n => n.NominatedAt).ThenBy(n => n.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.ListNominationsResponse { Total = total };
        response.Items.AddRange(items.Select(n => n.ToContract(caller)));
        return response;
    }
}
